package io.chirp.source.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.ProgressBar;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;
import io.chirp.core.source.SourceFailedException;
import io.chirp.core.text.MetricReader;

/**
 * One remote run (one {@code <run>} of {@code chirp/<run>/...}) as a source of its own: the subscription hands it
 * lines, metric points and its end; its own worker reads them, so each remote run is a Chirp run with its own jobs,
 * model and recording. The hand-over is bounded: a full queue makes the subscription wait (QoS 1: the broker is
 * acknowledged later) or drop and count (QoS 0).
 */
final class RemoteRun implements DataSource {

	static final int CAPACITY = 10_000;
	private static final Object END = new Object();
	private static final Object GAP = new Object();
	/** Each metric seen, with its axis: a gap breaks each one's line. */
	private final java.util.Map<String, String> axes = new java.util.LinkedHashMap<>();

	/** A line of text the remote program printed (over MQTT a line is a message: nothing is redrawn in place). */
	private record Line(String text) {
	}

	private final String name;
	private final BlockingQueue<Object> items = new ArrayBlockingQueue<>(CAPACITY);
	private final MetricReader reader = new MetricReader(MetricPoint.TIME_AXIS);
	private final long startNanos = System.nanoTime();
	private volatile SourceEvents events;
	private volatile Integer exitCode;
	private volatile boolean ended;
	private volatile boolean stopped;

	RemoteRun(String name) {
		this.name = name;
	}

	@Override
	public void open(SourceEvents sourceEvents) {
		events = sourceEvents;
		sourceEvents.event("remote run " + name + " seen on the broker");
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public double sampleRateHz() {
		return Double.NaN;
	}

	@Override
	public Integer exitCode() {
		return exitCode;
	}

	@Override
	public ProgressBar progress() {
		return reader.activeBar();
	}

	/**
	 * A line the remote program printed; false when it was not taken (the queue stayed full for {@code waitMillis}).
	 * A run the user stopped takes everything and keeps nothing: the subscription must never wait for it.
	 */
	boolean offerLine(String text, long waitMillis) throws InterruptedException {
		return stopped || items.offer(new Line(text), waitMillis, TimeUnit.MILLISECONDS);
	}

	/** Metric points of a {@code metrics} message (see {@link #offerLine}). */
	boolean offerPoints(List<MetricPoint> points, long waitMillis) throws InterruptedException {
		return stopped || items.offer(List.copyOf(points), waitMillis, TimeUnit.MILLISECONDS);
	}

	/** Its run ended (Stop, or the end): what still comes for it is left out. */
	@Override
	public void close() {
		stopped = true;
		items.clear();
	}

	/** Whether its run was stopped here (by the user) rather than ended by its status. */
	boolean wasStopped() {
		return stopped && !ended;
	}

	/** The run ended (its status said so, or the subscription ends): what is queued is still read. */
	void end(Integer code) {
		if (code != null) {
			exitCode = code;
		}
		ended = true;
		items.offer(END);
	}

	boolean hasEnded() {
		return ended;
	}

	/** Seconds since the subscription first saw this run: the x of metrics that name no step. */
	double secondsSinceSeen() {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	/** The connection was down: the lines of its metrics are not drawn across the gap. */
	void gap() {
		items.offer(GAP);
	}

	/** An event of the remote run (its status, a gap in the connection), for its Worker console lines. */
	void event(String text) {
		SourceEvents e = events;
		if (e != null) {
			e.event(text);
		}
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws InterruptedException {
		List<MetricPoint> points = new ArrayList<>();
		Object first = items.poll(50, TimeUnit.MILLISECONDS);
		if (first == null) {
			return ended && items.isEmpty() ? null : RawBatch.ofMetrics(sequence, List.of());
		}
		List<Object> taken = new ArrayList<>();
		taken.add(first);
		items.drainTo(taken, 2_000);
		boolean end = false;
		double seconds = (System.nanoTime() - startNanos) / 1e9;
		for (Object item : taken) {
			if (item == END) {
				end = true;
			} else if (item == GAP) {
				axes.forEach((metric, axis) -> points.add(MetricPoint.gap(metric, axis)));
			} else if (item instanceof Line line) {
				events.output(line.text(), false, false);
				points.addAll(reader.read(line.text(), false, 0, seconds).points());
			} else if (item instanceof List<?> list) {
				for (Object p : list) {
					points.add((MetricPoint) p);
				}
			}
		}
		points.forEach(p -> axes.putIfAbsent(p.name(), p.axis()));
		if (end && points.isEmpty() && items.isEmpty()) {
			Integer code = exitCode;
			if (code != null && code != 0) {
				throw new SourceFailedException(name + " exited with code " + code);
			}
			return null;
		}
		if (end) {
			items.offer(END); // the points first; the end on the next call
		}
		return RawBatch.ofMetrics(sequence, points);
	}
}
