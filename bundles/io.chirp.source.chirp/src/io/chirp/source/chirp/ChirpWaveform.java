package io.chirp.source.chirp;

/**
 * The chirp signal as a pure function of the sample index: {@code A sin(2 pi (f0 t + k t^2 / 2))} with
 * {@code t = index / sampleRate}. Being a function of the index (not of accumulated state) makes every run with
 * the same parameters produce bit-identical samples, whatever the batching.
 */
public final class ChirpWaveform {

	private final ChirpParameters parameters;

	public ChirpWaveform(ChirpParameters parameters) {
		if (parameters == null) {
			throw new IllegalArgumentException("parameters must not be null");
		}
		this.parameters = parameters;
	}

	public ChirpParameters parameters() {
		return parameters;
	}

	/** Signal time of a sample, in seconds. */
	public double timeOf(long sampleIndex) {
		return sampleIndex / parameters.sampleRateHz();
	}

	/** The sample value at {@code sampleIndex}. */
	public double valueAt(long sampleIndex) {
		double t = timeOf(sampleIndex);
		double cycles = parameters.startFrequencyHz() * t + 0.5 * parameters.growthHzPerSecond() * t * t;
		// Keep only the fractional cycle: sin of a huge argument loses precision, a fraction in [0, 1) does not.
		double fraction = cycles - Math.floor(cycles);
		return parameters.amplitude() * Math.sin(2 * Math.PI * fraction);
	}

	/** Instantaneous frequency at {@code sampleIndex}, in Hz. */
	public double frequencyAt(long sampleIndex) {
		return parameters.startFrequencyHz() + parameters.growthHzPerSecond() * timeOf(sampleIndex);
	}

	/** Fills {@code out} with the samples starting at {@code firstIndex}. */
	public void fill(long firstIndex, double[] out) {
		for (int i = 0; i < out.length; i++) {
			out[i] = valueAt(firstIndex + i);
		}
	}
}
