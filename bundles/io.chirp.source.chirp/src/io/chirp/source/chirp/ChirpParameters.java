package io.chirp.source.chirp;

/**
 * Parameters of the built-in chirp source: a sine wave whose frequency grows linearly with time.
 * Every value is checked at construction, so a {@code ChirpParameters} instance is always usable.
 *
 * @param startFrequencyHz  frequency at t = 0, in Hz
 * @param growthHzPerSecond how fast the frequency grows, in Hz per second
 * @param amplitude         peak amplitude of the signal
 * @param sampleRateHz      samples per second of signal time
 * @param samplesPerBatch   samples handed over per batch
 * @param batchPeriodMillis wall-clock pause between batches (0 = as fast as possible)
 */
public record ChirpParameters(double startFrequencyHz, double growthHzPerSecond, double amplitude,
		double sampleRateHz, int samplesPerBatch, long batchPeriodMillis) {

	public static final double MAX_FREQUENCY_HZ = 1e6;
	public static final double MAX_GROWTH_HZ_PER_SECOND = 1e6;
	public static final double MAX_AMPLITUDE = 1e9;
	public static final double MAX_SAMPLE_RATE_HZ = 1e8;
	public static final int MAX_SAMPLES_PER_BATCH = 1 << 20;
	public static final long MAX_BATCH_PERIOD_MILLIS = 60_000;

	/** Defaults that look good on screen: 1 kHz sampled in real time, a few cycles per second after a while. */
	public static ChirpParameters defaults() {
		return new ChirpParameters(0.5, 0.2, 1.0, 1000.0, 50, 50);
	}

	public ChirpParameters {
		requireInRange("startFrequencyHz", startFrequencyHz, 0, MAX_FREQUENCY_HZ, true);
		requireInRange("growthHzPerSecond", growthHzPerSecond, 0, MAX_GROWTH_HZ_PER_SECOND, false);
		requireInRange("amplitude", amplitude, 0, MAX_AMPLITUDE, false);
		requireInRange("sampleRateHz", sampleRateHz, 0, MAX_SAMPLE_RATE_HZ, false);
		if (samplesPerBatch < 1 || samplesPerBatch > MAX_SAMPLES_PER_BATCH) {
			throw new IllegalArgumentException("samplesPerBatch = " + samplesPerBatch
					+ " is invalid: allowed range [1, " + MAX_SAMPLES_PER_BATCH + "]");
		}
		if (batchPeriodMillis < 0 || batchPeriodMillis > MAX_BATCH_PERIOD_MILLIS) {
			throw new IllegalArgumentException("batchPeriodMillis = " + batchPeriodMillis
					+ " is invalid: allowed range [0, " + MAX_BATCH_PERIOD_MILLIS + "]");
		}
	}

	/**
	 * Rejects NaN, infinities and values outside the range; the lower bound is excluded unless
	 * {@code lowerIncluded}, so rates can never be zero.
	 */
	private static void requireInRange(String name, double value, double lower, double upper, boolean lowerIncluded) {
		boolean aboveLower = lowerIncluded ? value >= lower : value > lower;
		if (Double.isNaN(value) || !aboveLower || value > upper) {
			throw new IllegalArgumentException(name + " = " + value + " is invalid: allowed range "
					+ (lowerIncluded ? "[" : "(") + lower + ", " + upper + "]");
		}
	}
}
