package io.chirp.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The history of one metric: its points in x order, in segments. A point whose x is before the last one (a second
 * training loop, a resumed run, {@code fit} called twice) starts a new segment, so each segment stays in x order
 * (the decimation's binary search needs it) and the chart draws it as a line of its own. Holds at most
 * {@code capacity} points at full resolution: beyond, each segment's ring passes its oldest points to its bounded
 * summary, and older segments give their ring up, so the whole history is drawn from its first point in bounded
 * memory (the recording on disk keeps every point). Beyond {@link #MAX_SEGMENTS} segments the oldest goes, counted
 * in {@link #dropped()}. The receiver appends; any thread reads.
 */
public final class MetricSeries {

	/** Most segments kept: a program whose step goes back on every line must not grow memory without bound. */
	public static final int MAX_SEGMENTS = 1_000;

	private final int capacity;
	private final ArrayList<SeriesBuffer> segments = new ArrayList<>();
	/** The same points by when they were produced (seconds since the run started): that axis never goes back. */
	private final SeriesBuffer byTime;
	private long points;
	private long dropped;
	private boolean breakNext;

	public MetricSeries(int capacity) {
		this.capacity = capacity;
		this.byTime = new SeriesBuffer(capacity);
	}

	/**
	 * Appends one point produced {@code seconds} after the run started (NaN: not known; the point is then on the
	 * x axis only); returns true when it started a new segment (its x is before the last point's).
	 */
	public synchronized boolean append(double x, double value, double seconds) {
		if (!Double.isNaN(seconds)) {
			// batches come in order, but a clock read on two threads may step back a hair
			double t = byTime.size() > 0 ? Math.max(seconds, byTime.lastTime()) : seconds;
			byTime.append(new double[] { t }, new double[] { value }, 1);
		}
		return append(x, value);
	}

	/** Appends one point on the x axis only; returns true when its x went back (which started a new segment). */
	/** The next point starts a segment of its own: the line is not drawn across what came between (a gap). */
	public synchronized void breakLine() {
		breakNext = true;
	}

	public synchronized boolean append(double x, double value) {
		SeriesBuffer last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
		boolean wentBack = last != null && last.hasData() && x < last.lastTime();
		if (last == null || wentBack || breakNext) {
			breakNext = false;
			last = new SeriesBuffer(capacity);
			segments.add(last);
		}
		last.append(new double[] { x }, new double[] { value }, 1);
		points++;
		// older segments give their full resolution up to the newest, keeping their summary: memory stays bounded
		// and the whole history can still be drawn
		for (int i = 0; i < segments.size() - 1 && held() > capacity; i++) {
			segments.get(i).compact();
		}
		while (segments.size() > MAX_SEGMENTS) {
			dropped += segments.remove(0).appendedCount();
		}
		return wentBack;
	}

	private long held() {
		long held = 0;
		for (SeriesBuffer segment : segments) {
			held += segment.size();
		}
		return held;
	}

	/** The segments, oldest first (a snapshot of the list; each segment is safe to read while it grows). */
	public synchronized List<SeriesBuffer> segments() {
		return List.copyOf(segments);
	}

	/** The segment points are appended to now, or null before the first point. */
	public synchronized SeriesBuffer latest() {
		return segments.isEmpty() ? null : segments.get(segments.size() - 1);
	}

	/** The points by the seconds since the run started when they were produced (the time axes of the chart). */
	public SeriesBuffer byTime() {
		return byTime;
	}

	/** Points no longer kept in any form: those of segments beyond the {@link #MAX_SEGMENTS} newest. */
	public synchronized long dropped() {
		return dropped;
	}

	/** Points ever appended. */
	public synchronized long appendedCount() {
		return points;
	}
}
