package io.chirp.core;

/**
 * A batch as the worker hands it to the receiver.
 *
 * @param sequence         0, 1, 2, ... per run; the receiver checks that none is missing
 * @param firstSampleIndex index of the first sample within the run
 * @param times            signal time of each sample, in seconds
 * @param values           sample values
 * @param producedNanos    {@link System#nanoTime()} when the batch was produced
 */
public record RawBatch(long sequence, long firstSampleIndex, double[] times, double[] values, long producedNanos) {

	public RawBatch {
		if (times.length != values.length) {
			throw new IllegalArgumentException("times and values differ in length: " + times.length + " != " + values.length);
		}
	}

	public int size() {
		return values.length;
	}
}
