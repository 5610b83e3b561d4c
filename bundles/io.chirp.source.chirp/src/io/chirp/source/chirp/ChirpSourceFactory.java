package io.chirp.source.chirp;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter.Kind;
import io.chirp.core.source.SourceParameter;

/** The built-in chirp, offered as a Declarative Services component (OSGI-INF/chirp-source.xml). */
public final class ChirpSourceFactory implements DataSourceFactory {

	public static final String ID = "io.chirp.source.chirp";

	static final String START_FREQUENCY = "startFrequencyHz";
	static final String GROWTH = "growthHzPerSecond";
	static final String AMPLITUDE = "amplitude";
	static final String SAMPLE_RATE = "sampleRateHz";
	static final String SAMPLES_PER_BATCH = "samplesPerBatch";
	static final String BATCH_PERIOD = "batchPeriodMillis";

	private static final ChirpParameters DEFAULTS = ChirpParameters.defaults();
	private static final List<SourceParameter> PARAMETERS = List.of(
			new SourceParameter(START_FREQUENCY, "Start frequency [Hz]", Kind.NUMBER, format(DEFAULTS.startFrequencyHz()),
					"Frequency at the start of the run"),
			new SourceParameter(GROWTH, "Frequency growth [Hz/s]", Kind.NUMBER, format(DEFAULTS.growthHzPerSecond()),
					"How much the frequency grows per second of signal time"),
			new SourceParameter(AMPLITUDE, "Amplitude", Kind.NUMBER, format(DEFAULTS.amplitude()), "Peak value"),
			new SourceParameter(SAMPLE_RATE, "Sample rate [samples/s]", Kind.NUMBER, format(DEFAULTS.sampleRateHz()),
					"Samples per second of signal time"),
			new SourceParameter(SAMPLES_PER_BATCH, "Samples per batch", Kind.NUMBER,
					Integer.toString(DEFAULTS.samplesPerBatch()), "Samples handed from the worker to the receiver at once"),
			new SourceParameter(BATCH_PERIOD, "Batch period [ms] (0 = as fast as possible)", Kind.NUMBER,
					Long.toString(DEFAULTS.batchPeriodMillis()), "Wall-clock pause between two batches"));

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String label() {
		return "Chirp";
	}

	@Override
	public String actionLabel() {
		return "New &Chirp Run...";
	}

	@Override
	public String description() {
		return "The chirp is a sine wave whose frequency grows steadily: Chirp's built-in source. Start (Ctrl+F11) runs it"
				+ " with the values last used here.";
	}

	@Override
	public String iconURI() {
		return "platform:/plugin/io.chirp.source.chirp/icons/chirp.png";
	}

	@Override
	public int rank() {
		return 0;
	}

	@Override
	public List<SourceParameter> parameters() {
		return PARAMETERS;
	}

	@Override
	public DataSource create(Map<String, String> values) {
		return new ChirpSource(parameters(values));
	}

	/** The parameters typed; the message of a wrong one names it as the page does. */
	public static ChirpParameters parameters(Map<String, String> values) {
		try {
			return new ChirpParameters(number(values, START_FREQUENCY), number(values, GROWTH), number(values, AMPLITUDE),
					number(values, SAMPLE_RATE), (int) whole(values, SAMPLES_PER_BATCH), whole(values, BATCH_PERIOD));
		} catch (IllegalArgumentException e) {
			String message = e.getMessage();
			for (SourceParameter p : PARAMETERS) {
				// ChirpParameters names the record component ("samplesPerBatch = 0 is invalid..."): say it as the page does
				if (message.startsWith(p.key() + " = ")) {
					message = p.label() + ": " + message.substring(p.key().length() + 3);
				}
			}
			throw new IllegalArgumentException(message, e);
		}
	}

	private static SourceParameter parameter(String key) {
		return PARAMETERS.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
	}

	private static String text(Map<String, String> values, String key) {
		String v = values.get(key);
		return (v == null ? parameter(key).defaultValue() : v).strip();
	}

	private static double number(Map<String, String> values, String key) {
		String v = text(values, key);
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(parameter(key).label() + ": '" + v + "' is not a number.");
		}
	}

	private static long whole(Map<String, String> values, String key) {
		String v = text(values, key);
		try {
			return Long.parseLong(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(parameter(key).label() + ": '" + v + "' is not a whole number.");
		}
	}

	/** The values of {@code p}, as the page shows them. */
	public static Map<String, String> values(ChirpParameters p) {
		return Map.of(START_FREQUENCY, format(p.startFrequencyHz()), GROWTH, format(p.growthHzPerSecond()), AMPLITUDE,
				format(p.amplitude()), SAMPLE_RATE, format(p.sampleRateHz()), SAMPLES_PER_BATCH,
				Integer.toString(p.samplesPerBatch()), BATCH_PERIOD, String.format(Locale.ROOT, "%d", p.batchPeriodMillis()));
	}
}
