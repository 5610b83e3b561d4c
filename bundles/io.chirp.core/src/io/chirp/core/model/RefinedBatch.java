package io.chirp.core.model;

/**
 * What the receiver learned from one batch. It holds no sample arrays: once stored, a batch's arrays go back to
 * its source for reuse (see {@link DataSource#recycle}), so nothing may keep them.
 *
 * @param sequence       the batch's sequence number
 * @param size           samples in the batch
 * @param elapsedSeconds signal time of the batch's last sample, in seconds (NaN for a batch without samples)
 * @param producedNanos  {@link System#nanoTime()} when the batch was produced
 * @param signal         what the source's {@link io.chirp.core.source.SignalRefiner} read from the signal at the
 *                       batch's end ({@code "12.345 Hz"}), or null (not known yet, or no refiner)
 * @param min            smallest value of the batch
 * @param max            largest value of the batch
 * @param receivedNanos  {@link System#nanoTime()} when the receiver took it
 */
public record RefinedBatch(long sequence, int size, double elapsedSeconds, long producedNanos, String signal,
		double min, double max, long receivedNanos) {
}
