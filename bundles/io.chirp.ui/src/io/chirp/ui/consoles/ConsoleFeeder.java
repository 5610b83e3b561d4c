package io.chirp.ui.consoles;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.console.IOConsoleOutputStream;

import io.chirp.core.OutputCapture;

/**
 * Feeds one console: lines from any thread are collected and written at most every {@link #FLUSH_MILLIS}, as one
 * append per stream run, in the order they came. What one write may carry is bounded ({@code maxCharsPerFlush}):
 * when more comes within one interval, the oldest lines are passed over and one line says how many. Every
 * character written costs the UI thread a document update, line tracking, ANSI colour parsing and later a trim;
 * a flood of tens of megabytes a second would keep the UI thread busy all the time, while nobody can read more
 * than the newest lines of it. Output at readable rates is never passed over.
 */
final class ConsoleFeeder {

	/** How long lines gather before they are written: well under what a reader notices. */
	static final long FLUSH_MILLIS = 50;
	/** Chirp's own notices (they count what was dropped) are never passed over. */
	static final String NOTICE_PREFIX = OutputCapture.NOTICE_PREFIX;

	private record Pending(IOConsoleOutputStream stream, String line) {
	}

	private final IOConsoleOutputStream markerStream;
	private final int maxCharsPerFlush;
	private final ArrayDeque<Pending> pending = new ArrayDeque<>();
	/** Chirp's own notices met while passing over lines: always written (they count what was dropped). */
	private final ArrayDeque<Pending> notices = new ArrayDeque<>();
	private final Job flush;
	/** Set while a flush is scheduled: rescheduling a sleeping job would postpone it under a steady flood. */
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private final Object writing = new Object();
	private long pendingChars;
	private long passedOver;
	private volatile boolean closed;

	/**
	 * @param maxCharsPerFlush most characters one write carries (at most this many per {@link #FLUSH_MILLIS})
	 */
	ConsoleFeeder(String consoleName, IOConsoleOutputStream markerStream, int maxCharsPerFlush) {
		this.markerStream = markerStream;
		this.maxCharsPerFlush = maxCharsPerFlush;
		flush = Job.create("Chirp console " + consoleName, this::flush);
		flush.setSystem(true); // housekeeping: not a job for the Progress view
	}

	/** Queues one line for {@code stream}; never blocks. */
	void add(IOConsoleOutputStream stream, String line) {
		addAll(stream, List.of(line));
	}

	private void scheduleFlush() {
		if (scheduled.compareAndSet(false, true)) {
			flush.schedule(FLUSH_MILLIS);
		}
	}

	/** Queues several lines for {@code stream}, in order. */
	void addAll(IOConsoleOutputStream stream, List<String> lines) {
		synchronized (pending) {
			if (closed) {
				return;
			}
			for (String line : lines) {
				pending.add(new Pending(stream, line));
				pendingChars += line.length() + 1;
			}
			passOverOldest();
		}
		scheduleFlush();
	}

	/** Called with the lock held: drops the oldest lines beyond what one write may carry. */
	private void passOverOldest() {
		while (pendingChars > maxCharsPerFlush && pending.size() > 1) {
			Pending oldest = pending.poll();
			pendingChars -= oldest.line().length() + 1;
			if (oldest.line().startsWith(NOTICE_PREFIX)) {
				notices.add(oldest);
			} else {
				passedOver++;
			}
		}
	}

	private IStatus flush(IProgressMonitor monitor) {
		scheduled.set(false); // lines added from now on schedule the next flush
		write();
		return Status.OK_STATUS;
	}

	/** Writes what is pending; the job and {@link #close()} may both call it, one at a time. */
	private void write() {
		synchronized (writing) {
			writePending();
		}
	}

	private void writePending() {
		Pending[] lines;
		Pending[] kept;
		long skipped;
		synchronized (pending) {
			lines = pending.toArray(Pending[]::new);
			pending.clear();
			kept = notices.toArray(Pending[]::new);
			notices.clear();
			pendingChars = 0;
			skipped = passedOver;
			passedOver = 0;
		}
		try {
			for (Pending notice : kept) {
				notice.stream().write(notice.line() + System.lineSeparator());
			}
			if (skipped > 0) {
				markerStream.write(String.format(Locale.ROOT,
						NOTICE_PREFIX + "%,d lines passed over: more than %,d characters came within %d ms]%n", skipped,
						maxCharsPerFlush, FLUSH_MILLIS));
			}
			StringBuilder run = new StringBuilder();
			for (int i = 0; i < lines.length; i++) {
				run.append(lines[i].line()).append(System.lineSeparator());
				if (i + 1 == lines.length || lines[i + 1].stream() != lines[i].stream()) {
					lines[i].stream().write(run.toString());
					run.setLength(0);
				}
			}
		} catch (IOException e) {
			// the console was closed during shutdown: nobody can read these lines any more
		}
	}

	/** Writes what is pending now (at most one flush interval later anyway) and stops taking lines. */
	void close() {
		flush.cancel();
		write();
		closed = true;
	}

	/** Waits until what was queued so far is written; false after {@code millis}. For tests and benchmarks. */
	boolean awaitFlushed(long millis) throws InterruptedException {
		long end = System.nanoTime() + millis * 1_000_000L;
		while (true) {
			synchronized (pending) {
				if (pending.isEmpty() && notices.isEmpty() && !scheduled.get() && flush.getState() != Job.RUNNING) {
					return true;
				}
			}
			if (System.nanoTime() > end) {
				return false;
			}
			Thread.sleep(5);
		}
	}
}
