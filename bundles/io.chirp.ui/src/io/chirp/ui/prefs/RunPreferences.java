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
