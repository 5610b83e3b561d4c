package io.chirp.core.model;

import java.util.Arrays;

/**
 * What a {@link SeriesBuffer} keeps of the samples its ring no longer holds: at most {@link #MAX_BUCKETS} buckets of
 * equally many consecutive samples, each with its x extent and where its minimum and maximum lie. When the buckets
 * are all used, neighbours are merged and each bucket takes twice as many samples, so memory stays bounded however
 * long the run, and a drawing of the whole history still shows every spike. Not thread-safe: its buffer's lock
 * guards it.
 */
final class HistorySummary {

	static final int MAX_BUCKETS = 2048;
	private static final int INITIAL_BUCKETS = 16;

	private long span = 1;
	private int count;
	private long inLast;
	private long total;
	private double[] firstX = new double[INITIAL_BUCKETS];
	private double[] lastX = new double[INITIAL_BUCKETS];
	private double[] minV = new double[INITIAL_BUCKETS];
	private double[] minX = new double[INITIAL_BUCKETS];
	private double[] maxV = new double[INITIAL_BUCKETS];
	private double[] maxX = new double[INITIAL_BUCKETS];

	void add(double x, double v) {
		if (count == 0 || inLast == span) {
			if (count == MAX_BUCKETS) {
				halve();
			}
			if (count == firstX.length) {
				grow();
			}
			int b = count++;
			firstX[b] = x;
			lastX[b] = x;
			minV[b] = v;
			minX[b] = x;
			maxV[b] = v;
			maxX[b] = x;
			inLast = 1;
		} else {
			int b = count - 1;
			lastX[b] = x;
			// NaN never becomes an extreme unless the bucket holds nothing else
			if (v < minV[b] || Double.isNaN(minV[b]) && !Double.isNaN(v)) {
				minV[b] = v;
				minX[b] = x;
			}
			if (v > maxV[b] || Double.isNaN(maxV[b]) && !Double.isNaN(v)) {
				maxV[b] = v;
				maxX[b] = x;
			}
			inLast++;
		}
		total++;
	}

	/** {@link #add} of {@code n} samples from {@code from} on, in order; a bucket's samples in one tight loop. */
	void addAll(double[] xs, double[] vs, int from, int n) {
		int i = from;
		int end = from + n;
		while (i < end) {
			if (count == 0 || inLast == span) {
				add(xs[i], vs[i]);
				i++;
				continue;
			}
			int b = count - 1;
			int take = (int) Math.min(span - inLast, end - i);
			double low = minV[b];
			double lowX = minX[b];
			double high = maxV[b];
			double highX = maxX[b];
			for (int k = i; k < i + take; k++) {
				double v = vs[k];
				// NaN never becomes an extreme unless the bucket holds nothing else
				if (v < low || Double.isNaN(low) && !Double.isNaN(v)) {
					low = v;
					lowX = xs[k];
				}
				if (v > high || Double.isNaN(high) && !Double.isNaN(v)) {
					high = v;
					highX = xs[k];
				}
			}
			minV[b] = low;
			minX[b] = lowX;
			maxV[b] = high;
			maxX[b] = highX;
			lastX[b] = xs[i + take - 1];
			inLast += take;
			total += take;
			i += take;
		}
	}

	private void grow() {
		int length = Math.min(MAX_BUCKETS, firstX.length * 2);
		firstX = Arrays.copyOf(firstX, length);
		lastX = Arrays.copyOf(lastX, length);
		minV = Arrays.copyOf(minV, length);
		minX = Arrays.copyOf(minX, length);
		maxV = Arrays.copyOf(maxV, length);
		maxX = Arrays.copyOf(maxX, length);
	}

	/** Merges neighbouring buckets: half as many, each of twice the span (all are full when this is called). */
	private void halve() {
		for (int i = 0; i < count / 2; i++) {
			int a = 2 * i;
			int b = a + 1;
			firstX[i] = firstX[a];
			lastX[i] = lastX[b];
			boolean bLower = minV[b] < minV[a] || Double.isNaN(minV[a]);
			minV[i] = bLower ? minV[b] : minV[a];
			minX[i] = bLower ? minX[b] : minX[a];
			boolean bHigher = maxV[b] > maxV[a] || Double.isNaN(maxV[a]);
			maxV[i] = bHigher ? maxV[b] : maxV[a];
			maxX[i] = bHigher ? maxX[b] : maxX[a];
		}
		count /= 2;
		span *= 2;
		inLast = span;
	}

	boolean isEmpty() {
		return count == 0;
	}

	/** Samples summarized. */
	long samples() {
		return total;
	}

	int buckets() {
		return count;
	}

	double firstX() {
		return count == 0 ? Double.NaN : firstX[0];
	}

	double lastX() {
		return count == 0 ? Double.NaN : lastX[count - 1];
	}

	/**
	 * The extremes of the buckets that overlap {@code [from, to]}, at most {@code 2 * budget} points in x order: when
	 * more buckets overlap than the budget, consecutive ones are taken together.
	 */
	SeriesBuffer.Decimation extremes(double from, double to, int budget) {
		int first = 0;
		while (first < count && lastX[first] < from) {
			first++;
		}
		int end = first;
		while (end < count && firstX[end] <= to) {
			end++;
		}
		int n = end - first;
		if (n <= 0) {
			return new SeriesBuffer.Decimation(new double[0], new double[0], 0, 0);
		}
		int group = (n + budget - 1) / budget;
		double[] xs = new double[2 * ((n + group - 1) / group)];
		double[] ys = new double[xs.length];
		int out = 0;
		for (int g = first; g < end; g += group) {
			int last = Math.min(end, g + group);
			int lo = -1;
			int hi = -1;
			for (int b = g; b < last; b++) {
				if (!Double.isNaN(minV[b]) && (lo < 0 || minV[b] < minV[lo])) {
					lo = b;
				}
				if (!Double.isNaN(maxV[b]) && (hi < 0 || maxV[b] > maxV[hi])) {
					hi = b;
				}
			}
			if (lo < 0) {
				continue; // nothing but NaN
			}
			boolean minFirst = minX[lo] <= maxX[hi];
			xs[out] = minFirst ? minX[lo] : maxX[hi];
			ys[out++] = minFirst ? minV[lo] : maxV[hi];
			if (minX[lo] != maxX[hi] || minV[lo] != maxV[hi]) {
				xs[out] = minFirst ? maxX[hi] : minX[lo];
				ys[out++] = minFirst ? maxV[hi] : minV[lo];
			}
		}
		long summarized = Math.min(total, (long) n * span);
		return new SeriesBuffer.Decimation(xs, ys, out, (int) Math.min(Integer.MAX_VALUE, summarized));
	}
}
