package io.chirp.source.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.chirp.core.output.OutputCapture;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;
import io.chirp.core.text.LogReading;
import io.chirp.core.text.MetricReader;
import io.chirp.core.text.ReadingReport;
import io.chirp.core.text.TerminalLines;

/**
 * A finished log opened as a run (File &gt; Open Log...): its text goes to the run's output as a terminal would
 * show it, its metrics to the model, read exactly as a running program's output is. The text is handed on at
 * most {@link #OUTPUT_CHARS_PER_SECOND}, what a console shows without passing lines over; the metrics come as fast
 * as they are read.
 */
public final class LogFileSource implements DataSource {

	/** Most characters of text handed to the output per second. */
	static final long OUTPUT_CHARS_PER_SECOND = 2_000_000;
	/** Most lines read per batch, so Stop and the chart get their turn. */
	private static final int LINES_PER_BATCH = 2_000;

	private final Path file;
	private TerminalLines lines;
	private MetricReader metrics;
	private SourceEvents events;
	private ReadingReport report;
	private long startNanos;
	private long charsOut;
	private long points;

	public LogFileSource(Path file) {
		this.file = file;
	}

	@Override
	public String name() {
		return file.getFileName().toString();
	}

	@Override
	public double sampleRateHz() {
		return Double.NaN;
	}

	@Override
	public void open(SourceEvents sourceEvents) throws IOException {
		events = sourceEvents;
		report = new ReadingReport(sourceEvents, name());
		if (!Files.isRegularFile(file)) {
			throw new IOException("Cannot open " + file + ": " + (Files.exists(file) ? "it is not a file" : "no such file"));
		}
		lines = new TerminalLines(LogReading.utf8(Files.newInputStream(file)), TerminalLines.MAX_LINE_CHARS);
		metrics = new MetricReader(MetricReader.LINE_AXIS);
		startNanos = System.nanoTime();
		events.event(String.format(Locale.ROOT, "reading %s (%,d bytes)", file, Files.size(file)));
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws IOException {
		List<MetricPoint> batch = new ArrayList<>();
		for (int i = 0; i < LINES_PER_BATCH; i++) {
			if (cancelled.getAsBoolean()) {
				return null;
			}
			TerminalLines.Line line = lines.next();
			if (line == null) {
				if (!batch.isEmpty()) {
					return RawBatch.ofMetrics(sequence, batch);
				}
				events.event(String.format(Locale.ROOT, "read %s: %,d lines, %d metrics, %,d points, %,d malformed values,"
						+ " %,d progress bars in %.1f s", name(), metrics.lines(), metrics.metricNames().size(), points,
						report.malformed(), metrics.barsSeen(), (System.nanoTime() - startNanos) / 1e9));
				return null;
			}
			events.output(line.cut() ? line.text() + OutputCapture.SPLIT_MARKER : line.text(), false, line.redraw());
			long lineNumber = metrics.lines() + 1;
			MetricReader.Reading reading = metrics.read(line.text(), line.redraw(), 0, lineNumber);
			report.report(reading, lineNumber);
			batch.addAll(reading.points());
			points += reading.points().size();
			pace(line.text().length() + 1);
		}
		return RawBatch.ofMetrics(sequence, batch);
	}

	/** Waits while the text handed on runs ahead of {@link #OUTPUT_CHARS_PER_SECOND}; Stop wakes it. */
	private void pace(int chars) {
		charsOut += chars;
		long due = startNanos + charsOut * TimeUnit.SECONDS.toNanos(1) / OUTPUT_CHARS_PER_SECOND;
		long wait = due - System.nanoTime();
		if (wait > TimeUnit.MILLISECONDS.toNanos(5)) {
			LockSupport.parkNanos(this, wait);
		}
	}

	@Override
	public void close() {
		if (lines != null) {
			try {
				lines.close();
			} catch (IOException e) {
				events.problem("closing " + file + " failed: " + e.getMessage());
			}
		}
	}
}
