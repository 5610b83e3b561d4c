package io.chirp.core.source;

import java.util.List;

/**
 * A batch as the worker hands it to the receiver: samples of the signal, named metric points, or both.
 *
 * @param sequence         0, 1, 2, ... per run; the receiver checks that none is missing
 * @param firstSampleIndex index of the first sample within the run
 * @param times            signal time of each sample, in seconds
 * @param values           sample values
 * @param producedNanos    {@link System#nanoTime()} when the batch was produced
 * @param metrics          metric points (e.g. parsed from a program's output), in the order they appeared
 */
public record RawBatch(long sequence, long firstSampleIndex, double[] times, double[] values, long producedNanos,
		List<MetricPoint> metrics) {

	public RawBatch {
		if (times.length != values.length) {
			throw new IllegalArgumentException("times and values differ in length: " + times.length + " != " + values.length);
		}
		metrics = List.copyOf(metrics);
	}

	/** A batch of signal samples only. */
	public RawBatch(long sequence, long firstSampleIndex, double[] times, double[] values, long producedNanos) {
		this(sequence, firstSampleIndex, times, values, producedNanos, List.of());
	}

	/** A batch of metric points only. */
	public static RawBatch ofMetrics(long sequence, List<MetricPoint> metrics) {
		return new RawBatch(sequence, 0, new double[0], new double[0], System.nanoTime(), metrics);
	}

	public int size() {
		return values.length;
	}
}
