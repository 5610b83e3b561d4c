package io.chirp.core.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.ProgressBar;
import io.chirp.core.source.RawBatch;

/**
 * The data of the current run as the UI reads it: the signal history and live figures. The receiver writes, any
 * thread reads.
 */
public final class RunModel {

	/** History kept per metric; metrics arrive at most a few thousand times per second. */
	public static final int METRIC_CAPACITY = 100_000;

	private final SeriesBuffer series;
	private final Map<String, MetricSeries> metrics = new ConcurrentHashMap<>();
	private final List<String> metricNames = new CopyOnWriteArrayList<>();
	private final Map<String, String> metricAxes = new ConcurrentHashMap<>();
	private final AtomicLong metricPoints = new AtomicLong();
	private final AtomicLong segmentsStarted = new AtomicLong();
	private final AtomicLong produced = new AtomicLong();
	private final AtomicLong received = new AtomicLong();
	private final AtomicLong batches = new AtomicLong();
	private final AtomicLong missingSamples = new AtomicLong();
	private volatile RefinedBatch latest;
	private volatile int queueDepth;
	private volatile ProgressBar progress;

	private final long startNanos = System.nanoTime();
	private final long startEpochMillis;

	public RunModel(int capacity) {
		this(capacity, System.currentTimeMillis());
	}

	/** A model of a run that started at {@code startEpochMillis} (a recorded run, read again). */
	public RunModel(int capacity, long startEpochMillis) {
		series = new SeriesBuffer(capacity);
		this.startEpochMillis = startEpochMillis;
	}

	/** Seconds from the run's start to {@code nanos} (a {@link System#nanoTime()} reading), never negative. */
	public double secondsAt(long nanos) {
		return Math.max(0, (nanos - startNanos) / 1e9);
	}

	/** When the run started, by the wall clock (milliseconds since 1970): the chart's wall-clock axis. */
	public long startEpochMillis() {
		return startEpochMillis;
	}

	public SeriesBuffer series() {
		return series;
	}

	public void addProduced(int samples) {
		produced.addAndGet(samples);
	}

	public void addMissing(long samples) {
		missingSamples.addAndGet(samples);
	}

	/** Copies the batch's samples and metric points; keeps no reference to its arrays. */
	public void store(RawBatch raw, RefinedBatch batch) {
		series.append(raw.times(), raw.values(), raw.size());
		double seconds = secondsAt(raw.producedNanos());
		for (MetricPoint point : raw.metrics()) {
			storeMetric(point.name(), point.axis(), point.x(), point.value(), seconds);
		}
		received.addAndGet(raw.size());
		batches.incrementAndGet();
		latest = batch;
	}

	/**
	 * Stores one metric point produced {@code seconds} after the run started (the receiver, or a recorded run read
	 * again). One writer at a time.
	 */
	public void storeMetric(String name, String axis, double x, double value, double seconds) {
		MetricSeries series = metrics.get(name);
		if (Double.isNaN(x) && Double.isNaN(value)) {
			if (series != null) {
				series.breakLine(); // a gap (MetricPoint.gap): the next point starts a line of its own
			}
			return;
		}
		if (series == null) {
			// only one thread writes: the series holds its first point and is in the map before its name is listed,
			// so a reader that finds a name always finds its series with a point in it
			series = new MetricSeries(METRIC_CAPACITY);
			series.append(x, value, seconds);
			metricAxes.put(name, axis);
			metrics.put(name, series);
			metricNames.add(name);
		} else if (series.append(x, value, seconds)) {
			segmentsStarted.incrementAndGet();
		}
		metricPoints.incrementAndGet();
	}

	public void setQueueDepth(int depth) {
		queueDepth = depth;
	}

	/** Names of the metrics seen so far, in the order they first appeared. */
	public List<String> metricNames() {
		return List.copyOf(metricNames);
	}

	/** The latest segment of a metric's history (x = step or seconds), or null when it has not appeared. */
	public SeriesBuffer metric(String name) {
		MetricSeries series = metrics.get(name);
		return series == null ? null : series.latest();
	}

	/** The whole history of one metric, in segments; null when it has not appeared. */
	public MetricSeries metricSeries(String name) {
		return metrics.get(name);
	}

	/** Times a metric's x went back, starting a new segment. */
	public long segmentsStarted() {
		return segmentsStarted.get();
	}

	/** What the x values of a metric count ({@code step}, {@code epoch}... or {@link MetricPoint#TIME_AXIS}). */
	public String metricAxis(String name) {
		return metricAxes.get(name);
	}

	/** Metric points no longer kept in any form (a metric whose step went back more than 1,000 times). */
	public long droppedMetricPoints() {
		long dropped = 0;
		for (MetricSeries m : metrics.values()) {
			dropped += m.dropped();
		}
		return dropped;
	}

	/** Metric points stored so far. */
	public long metricPoints() {
		return metricPoints.get();
	}

	/** Samples the worker produced. */
	public long produced() {
		return produced.get();
	}

	/** Samples the receiver took from the queue. */
	public long received() {
		return received.get();
	}

	/** Samples stored in the history (the ring keeps the newest {@code capacity} of them). */
	public long stored() {
		return series.appendedCount();
	}

	public long batches() {
		return batches.get();
	}

	/**
	 * Samples not accounted for: missing sequence numbers seen by the receiver, plus, once the run has ended, the
	 * difference between produced and received. Stays 0 in a correct run.
	 */
	public long lost() {
		return missingSamples.get();
	}

	/** The newest refined batch, or null before the first. */
	public RefinedBatch latest() {
		return latest;
	}

	public void setProgress(ProgressBar bar) {
		progress = bar;
	}

	/** The progress bar the run's source draws now (written by the worker), or null when there is none. */
	public ProgressBar progress() {
		return progress;
	}

	/** Batches waiting in the queue between worker and receiver, as last seen by the receiver. */
	public int queueDepth() {
		return queueDepth;
	}
}
