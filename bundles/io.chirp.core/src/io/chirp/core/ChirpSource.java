package io.chirp.core;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The built-in default source: the chirp of {@link ChirpWaveform}, paced to one batch per batch period of wall
 * time (or as fast as possible when the period is 0). Deterministic: the same parameters give the same samples.
 */
public final class ChirpSource implements DataSource {

	/** Longest single sleep while waiting for a batch's due time, so cancellation is seen within this. */
	static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ChirpWaveform waveform;
	private final long periodNanos;
	private long startNanos = Long.MIN_VALUE;
	private long nextReportSample;
	private boolean aliasingReported;

	public ChirpSource(ChirpParameters parameters) {
		this.waveform = new ChirpWaveform(parameters);
		this.periodNanos = TimeUnit.MILLISECONDS.toNanos(parameters.batchPeriodMillis());
	}

	@Override
	public String name() {
		return "Chirp";
	}

	@Override
	public double sampleRateHz() {
		return waveform.parameters().sampleRateHz();
	}

	public ChirpWaveform waveform() {
		return waveform;
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws InterruptedException {
		if (startNanos == Long.MIN_VALUE) {
			startNanos = System.nanoTime();
		}
		// pace against the run's start, not the previous batch, so delays do not accumulate
		long due = startNanos + sequence * periodNanos;
		for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
			if (cancelled.getAsBoolean()) {
				return null;
			}
			TimeUnit.NANOSECONDS.sleep(Math.min(wait, WAIT_SLICE_NANOS));
		}
		if (cancelled.getAsBoolean()) {
			return null;
		}
		int n = waveform.parameters().samplesPerBatch();
		long first = sequence * n;
		double[] times = new double[n];
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			times[i] = waveform.timeOf(first + i);
			values[i] = waveform.valueAt(first + i);
		}
		report(first + n);
		return new RawBatch(sequence, first, times, values, System.nanoTime());
	}

	/**
	 * Prints like a real job does: a progress line per second of signal time on {@code System.out}, and one warning
	 * on {@code System.err} once the frequency passes a quarter of the sample rate (the curve then aliases).
	 */
	private void report(long samplesDone) {
		ChirpParameters p = waveform.parameters();
		if (samplesDone >= nextReportSample) {
			long perSecond = Math.max(1, (long) p.sampleRateHz());
			nextReportSample = (samplesDone / perSecond + 1) * perSecond;
			System.out.printf(java.util.Locale.ROOT, "t = %.1f s: %,d samples, frequency %.3f Hz%n",
					waveform.timeOf(samplesDone), samplesDone, waveform.frequencyAt(samplesDone));
		}
		if (!aliasingReported && waveform.frequencyAt(samplesDone) > p.sampleRateHz() / 4) {
			aliasingReported = true;
			System.err.printf(java.util.Locale.ROOT,
					"warning: the frequency passed %.1f Hz, a quarter of the sample rate: fewer than 4 samples per cycle%n",
					p.sampleRateHz() / 4);
		}
	}
}
