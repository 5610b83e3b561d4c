package io.chirp.source.chirp;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SignalRefiner;

/**
 * The built-in default source: the chirp of {@link ChirpWaveform}, paced to one batch per batch period of wall
 * time (or as fast as possible when the period is 0). Deterministic: the same parameters give the same samples.
 */
public final class ChirpSource implements DataSource {

	/**
	 * Longest single wait for a batch's due time. Stop wakes the wait at once (see {@link DataSource}); the slice only
	 * bounds how late a cancellation by other means is seen.
	 */
	static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final ChirpWaveform waveform;
	private final long periodNanos;
	private long startNanos = Long.MIN_VALUE;
	private long nextReportSample;
	private boolean aliasingReported;
	/** Batches the receiver gave back; at most the queue's capacity plus the two in hand ever exist. */
	private final ConcurrentLinkedQueue<RawBatch> recycled = new ConcurrentLinkedQueue<>();

	public ChirpSource(ChirpParameters parameters) {
		this.waveform = new ChirpWaveform(parameters);
		this.periodNanos = TimeUnit.MILLISECONDS.toNanos(parameters.batchPeriodMillis());
	}

	/** The frequency from the zero crossings: what the chirp is about. */
	@Override
	public SignalRefiner refiner() {
		return new ZeroCrossingFrequency();
	}

	@Override
	public String name() {
		return "Chirp";
	}

	@Override
	public double sampleRateHz() {
		return waveform.parameters().sampleRateHz();
	}

	/** The chirp is computed: nothing outside waits for it, so at full rate it takes only the CPU left over. */
	@Override
	public boolean selfPaced() {
		return true;
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
			LockSupport.parkNanos(this, Math.min(wait, WAIT_SLICE_NANOS));
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
		if (cancelled.getAsBoolean()) {
			return null;
		}
		int n = waveform.parameters().samplesPerBatch();
		long first = sequence * n;
		RawBatch reuse = recycled.poll();
		boolean fits = reuse != null && reuse.size() == n;
		double[] times = fits ? reuse.times() : new double[n];
		double[] values = fits ? reuse.values() : new double[n];
		for (int i = 0; i < n; i++) {
			times[i] = waveform.timeOf(first + i);
			values[i] = waveform.valueAt(first + i);
		}
		report(first + n);
		return new RawBatch(sequence, first, times, values, System.nanoTime());
	}

	@Override
	public void recycle(RawBatch batch) {
		if (batch.size() > 0) {
			recycled.add(batch);
		}
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
