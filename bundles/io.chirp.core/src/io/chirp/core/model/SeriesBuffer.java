package io.chirp.core.model;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The signal history the chart draws: a ring buffer of (time, value) samples with a fixed capacity, O(1) append,
 * and a peak-preserving min/max decimation, so a million-sample history renders as about two points per pixel
 * without hiding a single spike. Safe to snapshot from the UI thread while the receiver appends.
 */
public final class SeriesBuffer {

	/** Default capacity: one million samples (16 MB when full). */
	public static final int DEFAULT_CAPACITY = 1_000_000;

	/** Starting size of the arrays; they double up to the capacity, so a series holding few points costs little. */
	private static final int INITIAL_SIZE = 64;

	/**
	 * Guards everything below. Fair, so a reader waiting for it is next: a receiver appends batch after batch and
	 * would otherwise take it again and again before the woken reader could.
	 */
	private final ReentrantLock lock = new ReentrantLock(true);
	private final int capacity;
	private double[] times;
	private double[] values;
	private int start; // index of the oldest sample
	private int size;
	private long appended;
	/** What the ring overwrote (or gave up, see {@link #compact}), in bounded form; null until then. */
	private HistorySummary summary;

	public SeriesBuffer(int capacity) {
		if (capacity < 1 || capacity > 1 << 28) {
			throw new IllegalArgumentException("capacity = " + capacity + " is invalid: allowed range [1, " + (1 << 28) + "]");
		}
		this.capacity = capacity;
		times = new double[Math.min(capacity, INITIAL_SIZE)];
		values = new double[times.length];
	}

	public int capacity() {
		return capacity;
	}

	/**
	 * Runs {@code reader} with the buffer held, so the calls it makes see one state, if the buffer can be had
	 * within {@code maxWaitNanos}; returns false, without running it, when not. For the UI thread: the receiver
	 * appends at a lower priority, and preempted in the middle of an append it holds the buffer until it runs
	 * again (up to 19 ms were measured while streaming on two cores), which a frame should not wait for.
	 */
	public boolean readWithin(long maxWaitNanos, Runnable reader) {
		try {
			if (!lock.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS)) {
				return false;
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		try {
			reader.run();
			return true;
		} finally {
			lock.unlock();
		}
	}

	/** {@code reader}'s value, read with the buffer held. */
	private <T> T read(java.util.function.Supplier<T> reader) {
		lock.lock();
		try {
			return reader.get();
		} finally {
			lock.unlock();
		}
	}

	/** Appends samples; once full, each new sample replaces the oldest. Times must not decrease. */
	public void append(double[] sampleTimes, double[] sampleValues, int count) {
		lock.lock();
		try {
			if (size + count > times.length && times.length < capacity) {
				// not full yet, so the ring has not wrapped (start is 0): growing is a copy
				int length = (int) Math.min(capacity, Math.max((long) size + count, 2L * times.length));
				times = java.util.Arrays.copyOf(times, length);
				values = java.util.Arrays.copyOf(values, length);
			}
			// whole runs of samples at a time, not one by one: the receiver holds the buffer while it appends, and
			// a reader waits that long (a 10,000-sample batch held it 146 us on average, sample by sample)
			int overflow = Math.max(0, count - (times.length - size));
			int skipped = 0;
			if (overflow > 0) {
				// the oldest samples leave the ring for the summary of the whole history; when the batch is larger
				// than the ring, its own first samples follow them
				if (summary == null) {
					summary = new HistorySummary();
				}
				int leaving = Math.min(overflow, size);
				int firstRun = Math.min(leaving, times.length - start);
				summary.addAll(times, values, start, firstRun);
				summary.addAll(times, values, 0, leaving - firstRun);
				start = (start + leaving) % times.length;
				size -= leaving;
				skipped = overflow - leaving;
				summary.addAll(sampleTimes, sampleValues, 0, skipped);
			}
			int kept = count - skipped;
			int end = physical(size);
			int firstRun = Math.min(kept, times.length - end);
			System.arraycopy(sampleTimes, skipped, times, end, firstRun);
			System.arraycopy(sampleValues, skipped, values, end, firstRun);
			System.arraycopy(sampleTimes, skipped + firstRun, times, 0, kept - firstRun);
			System.arraycopy(sampleValues, skipped + firstRun, values, 0, kept - firstRun);
			size += kept;
			appended += count;
		} finally {
			lock.unlock();
		}
	}

	/**
	 * Gives up the samples held at full resolution, keeping them only in the summary of the whole history (an old
	 * segment of a metric, when the newer ones need the memory). Appending afterwards starts a new ring.
	 */
	public void compact() {
		lock.lock();
		try {
			if (size == 0) {
				return;
			}
			if (summary == null) {
				summary = new HistorySummary();
			}
			for (int i = 0; i < size; i++) {
				int p = physical(i);
				summary.add(times[p], values[p]);
			}
			times = new double[0];
			values = new double[0];
			start = 0;
			size = 0;
		} finally {
			lock.unlock();
		}
	}

	/** Buckets the summary of the whole history uses now (at most 2,048, however long the run). */
	public int summaryBuckets() {
		return read(() -> summary == null ? 0 : summary.buckets());
	}

	/** Whether anything was ever appended (held at full resolution or in the summary). */
	public boolean hasData() {
		return read(() -> size > 0 || summary != null && !summary.isEmpty());
	}

	/** Samples kept only in the summary (no longer at full resolution). */
	public long summarized() {
		return read(() -> summary == null ? 0 : summary.samples());
	}

	/** Samples held now (at most the capacity). */
	public int size() {
		return read(() -> size);
	}

	/** Samples ever appended, including those the ring has overwritten. */
	public long appendedCount() {
		return read(() -> appended);
	}

	/** Time of the newest sample, or NaN when empty. */
	public double lastTime() {
		return read(() -> {
			if (size == 0) {
				return summary == null ? Double.NaN : summary.lastX();
			}
			return times[physical(size - 1)];
		});
	}

	/** Value of the newest sample, or NaN when empty. */
	public double lastValue() {
		return read(() -> size == 0 ? Double.NaN : values[physical(size - 1)]);
	}

	/** Time of the first sample ever appended (the whole history starts there), or NaN when empty. */
	public double firstTime() {
		return read(() -> {
			if (summary != null && !summary.isEmpty()) {
				return summary.firstX();
			}
			return size == 0 ? Double.NaN : times[physical(0)];
		});
	}

	private int physical(int logical) {
		int p = start + logical;
		return p >= times.length ? p - times.length : p;
	}

	/** First logical index whose time is >= t (size when none). */
	private int lowerBound(double t) {
		int lo = 0;
		int hi = size;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (times[physical(mid)] < t) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		return lo;
	}

	/**
	 * The samples with {@code from <= time <= to}, reduced to at most {@code 2 * buckets} points: the range is cut
	 * into {@code buckets} equal time slices and each slice contributes its minimum and its maximum, in time order.
	 * When the range holds no more than {@code 2 * buckets} samples, they are returned unchanged.
	 */
	public Decimation decimate(double from, double to, int buckets) {
		lock.lock();
		try {
			if (buckets < 1) {
				throw new IllegalArgumentException("buckets = " + buckets + " is invalid: allowed range [1, ...)");
			}
			Decimation held = decimateHeld(from, to, buckets);
			if (summary == null || summary.isEmpty() || from > summary.lastX()) {
				return held;
			}
			// the part of the range before the ring: from the summary of the whole history, at about the same resolution
			Decimation older = summary.extremes(from, to, buckets);
			if (older.points() == 0) {
				return held;
			}
			double[] xs = java.util.Arrays.copyOf(older.times(), older.points() + held.points());
			double[] ys = java.util.Arrays.copyOf(older.values(), xs.length);
			System.arraycopy(held.times(), 0, xs, older.points(), held.points());
			System.arraycopy(held.values(), 0, ys, older.points(), held.points());
			return new Decimation(xs, ys, xs.length, older.sourceSamples() + held.sourceSamples());
		} finally {
			lock.unlock();
		}
	}

	/**
	 * {@link #decimate(double, double, int)} for a view that shows the same range frame after frame while samples
	 * come (a metric chart keeps its range while the data fits it): {@code live} keeps each slice's minimum and
	 * maximum, and a call folds in only the samples appended since the last one. It starts afresh when the range
	 * or the slices changed, when samples left the ring before it saw them, or while the range holds too few
	 * samples to need decimating. The result is the same as a fresh decimation's, except that where the range
	 * reaches back before the ring, the slices keep the extremes of the samples they saw instead of the coarser
	 * summary's.
	 */
	public Decimation decimate(double from, double to, int buckets, LiveDecimation live) {
		lock.lock();
		try {
			long unseen = appended - live.seen;
			if (!live.covers(from, to, buckets) || live.seen < 0 || unseen > size) {
				Decimation fresh = decimate(from, to, buckets);
				live.restart(from, to, buckets, appended);
				if (fresh.sourceSamples() <= 2 * buckets && summary == null) {
					live.seen = -1; // few samples: shown as they are, and cheap to take again
					return fresh;
				}
				for (int i = 0; i < fresh.points(); i++) {
					live.fold(fresh.times()[i], fresh.values()[i]);
				}
				live.sourceSamples = fresh.sourceSamples();
				return live.result();
			}
			for (int i = size - (int) unseen; i < size; i++) {
				int p = physical(i);
				if (times[p] >= from && times[p] <= to) {
					live.fold(times[p], values[p]);
					live.sourceSamples++;
				}
			}
			live.seen = appended;
			return live.result();
		} finally {
			lock.unlock();
		}
	}

	/**
	 * The state of a decimation kept up to date by {@link SeriesBuffer#decimate(double, double, int, LiveDecimation)}:
	 * each slice's minimum and maximum with their times. One per view of a series; not thread-safe (the buffer's
	 * lock guards it while it is updated).
	 */
	public static final class LiveDecimation {
		private double from = Double.NaN;
		private double to = Double.NaN;
		private int buckets;
		private long seen = -1;
		private int sourceSamples;
		private double[] minTime = new double[0];
		private double[] minValue = new double[0];
		private double[] maxTime = new double[0];
		private double[] maxValue = new double[0];
		private boolean[] filled = new boolean[0];

		boolean covers(double from, double to, int buckets) {
			return this.from == from && this.to == to && this.buckets == buckets;
		}

		void restart(double from, double to, int buckets, long seen) {
			this.from = from;
			this.to = to;
			this.buckets = buckets;
			this.seen = seen;
			sourceSamples = 0;
			if (filled.length != buckets) {
				minTime = new double[buckets];
				minValue = new double[buckets];
				maxTime = new double[buckets];
				maxValue = new double[buckets];
				filled = new boolean[buckets];
			} else {
				java.util.Arrays.fill(filled, false);
			}
		}

		/** Folds one sample into its slice (the slices as {@link SeriesBuffer#decimate(double, double, int)} cuts them). */
		void fold(double t, double v) {
			// the slice a fresh decimation puts it in: [from + b * width, from + (b + 1) * width), the last open
			double width = (to - from) / buckets;
			int b = Math.max(0, Math.min(buckets - 1, (int) Math.floor((t - from) / width)));
			while (b + 1 < buckets && t >= from + (b + 1) * width) {
				b++;
			}
			while (b > 0 && t < from + b * width) {
				b--;
			}
			if (!filled[b]) {
				filled[b] = true;
				minTime[b] = t;
				minValue[b] = v;
				maxTime[b] = t;
				maxValue[b] = v;
			} else if (v < minValue[b]) {
				minTime[b] = t;
				minValue[b] = v;
			} else if (v > maxValue[b]) {
				maxTime[b] = t;
				maxValue[b] = v;
			}
		}

		/** Each slice's extremes, in time order. */
		Decimation result() {
			double[] xs = new double[2 * buckets];
			double[] ys = new double[2 * buckets];
			int n = 0;
			for (int b = 0; b < buckets; b++) {
				if (!filled[b]) {
					continue;
				}
				boolean minFirst = minTime[b] <= maxTime[b];
				xs[n] = minFirst ? minTime[b] : maxTime[b];
				ys[n++] = minFirst ? minValue[b] : maxValue[b];
				if (minTime[b] != maxTime[b] || minValue[b] != maxValue[b]) {
					xs[n] = minFirst ? maxTime[b] : minTime[b];
					ys[n++] = minFirst ? maxValue[b] : minValue[b];
				}
			}
			return new Decimation(xs, ys, n, sourceSamples);
		}
	}

	private Decimation decimateHeld(double from, double to, int buckets) {
		int first = lowerBound(from);
		int end = lowerBound(Math.nextUp(to));
		int count = Math.max(0, end - first);
		if (count <= 2 * buckets) {
			double[] xs = new double[count];
			double[] ys = new double[count];
			for (int i = 0; i < count; i++) {
				int p = physical(first + i);
				xs[i] = times[p];
				ys[i] = values[p];
			}
			return new Decimation(xs, ys, count, count);
		}
		double[] xs = new double[2 * buckets];
		double[] ys = new double[2 * buckets];
		int n = 0;
		double width = (to - from) / buckets;
		int capacity = times.length;
		int i = first;
		int p = physical(first); // follows i around the ring (cheaper than working it out for every sample)
		for (int b = 0; b < buckets && i < end; b++) {
			double bucketEnd = b == buckets - 1 ? Double.POSITIVE_INFINITY : from + (b + 1) * width;
			if (times[p] >= bucketEnd) {
				continue; // empty slice
			}
			int minAt = p;
			int maxAt = p;
			double min = values[p];
			double max = min;
			for (i++, p = p + 1 == capacity ? 0 : p + 1; i < end; i++, p = p + 1 == capacity ? 0 : p + 1) {
				if (times[p] >= bucketEnd) {
					break;
				}
				double v = values[p];
				if (v < min) {
					min = v;
					minAt = p;
				} else if (v > max) {
					max = v;
					maxAt = p;
				}
			}
			// emit in time order so the polyline goes through both extremes as the signal did
			int firstAt = logicalOf(minAt) <= logicalOf(maxAt) ? minAt : maxAt;
			int secondAt = firstAt == minAt ? maxAt : minAt;
			xs[n] = times[firstAt];
			ys[n++] = values[firstAt];
			if (secondAt != firstAt) {
				xs[n] = times[secondAt];
				ys[n++] = values[secondAt];
			}
		}
		return new Decimation(xs, ys, n, count);
	}

	/**
	 * Every sample held, oldest first, at full resolution (not those only in the summary: a run's recording on disk
	 * has them).
	 */
	public Decimation all() {
		lock.lock();
		try {
			double[] xs = new double[size];
			double[] ys = new double[size];
			for (int i = 0; i < size; i++) {
				int p = physical(i);
				xs[i] = times[p];
				ys[i] = values[p];
			}
			return new Decimation(xs, ys, size, size);
		} finally {
			lock.unlock();
		}
	}

	private int logicalOf(int physical) {
		int l = physical - start;
		return l < 0 ? l + times.length : l;
	}

	/**
	 * A decimated view: the first {@code points} entries of {@code times} and {@code values}, standing for
	 * {@code sourceSamples} samples of the buffer.
	 */
	public record Decimation(double[] times, double[] values, int points, int sourceSamples) {
	}
}
