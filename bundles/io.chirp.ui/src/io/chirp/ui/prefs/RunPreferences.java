package io.chirp.ui.prefs;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.ChirpParameters;

/**
 * The chirp parameters as remembered across restarts, in the instance preferences node {@link #NODE} (inject it
 * with {@code @Preference(nodePath = RunPreferences.NODE)}).
 */
public final class RunPreferences {

	public static final String NODE = "io.chirp.ui";
	static final String START_FREQUENCY = "chirp.startFrequencyHz";
	static final String GROWTH = "chirp.growthHzPerSecond";
	static final String AMPLITUDE = "chirp.amplitude";
	static final String SAMPLE_RATE = "chirp.sampleRateHz";
	static final String SAMPLES_PER_BATCH = "chirp.samplesPerBatch";
	static final String BATCH_PERIOD = "chirp.batchPeriodMillis";
	/** Output limit of each console in characters; read at start-up. */
	public static final String CONSOLE_LIMIT = "console.limitChars";
	public static final int MIN_CONSOLE_LIMIT = 10_000;
	public static final int MAX_CONSOLE_LIMIT = 100_000_000;

	private RunPreferences() {
	}

	/**
	 * The stored parameters; defaults for keys never stored. A stored combination that is no longer valid (edited
	 * by hand, or limits changed) gives the defaults rather than a run that cannot start.
	 */
	public static ChirpParameters load(IEclipsePreferences node) {
		ChirpParameters d = ChirpParameters.defaults();
		try {
			return new ChirpParameters(node.getDouble(START_FREQUENCY, d.startFrequencyHz()),
					node.getDouble(GROWTH, d.growthHzPerSecond()), node.getDouble(AMPLITUDE, d.amplitude()),
					node.getDouble(SAMPLE_RATE, d.sampleRateHz()), node.getInt(SAMPLES_PER_BATCH, d.samplesPerBatch()),
					node.getLong(BATCH_PERIOD, d.batchPeriodMillis()));
		} catch (IllegalArgumentException e) {
			return d;
		}
	}

	/**
	 * The consoles' output limit: the stored value when it lies in [{@link #MIN_CONSOLE_LIMIT},
	 * {@link #MAX_CONSOLE_LIMIT}], else {@code fallback}.
	 */
	public static int consoleLimitChars(IEclipsePreferences node, int fallback) {
		int stored = node.getInt(CONSOLE_LIMIT, fallback);
		return stored >= MIN_CONSOLE_LIMIT && stored <= MAX_CONSOLE_LIMIT ? stored : fallback;
	}

	/** Stores the parameters and writes them to disk at once. */
	public static void save(IEclipsePreferences node, ChirpParameters p) throws BackingStoreException {
		node.putDouble(START_FREQUENCY, p.startFrequencyHz());
		node.putDouble(GROWTH, p.growthHzPerSecond());
		node.putDouble(AMPLITUDE, p.amplitude());
		node.putDouble(SAMPLE_RATE, p.sampleRateHz());
		node.putInt(SAMPLES_PER_BATCH, p.samplesPerBatch());
		node.putLong(BATCH_PERIOD, p.batchPeriodMillis());
		node.flush();
	}
}
