package io.chirp.ui.consoles;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.chirp.core.output.OutputCapture;


/**
 * Feeds one console: lines from any thread are collected and written at most every {@link #FLUSH_MILLIS}, as one
 * append per stream run, in the order they came. What one write may carry is bounded ({@code maxCharsPerFlush}):
 * when more comes within one interval, the oldest lines are passed over and one line says how many. Every
 * character written costs the UI thread a document update, line tracking, ANSI colour parsing and later a trim;
 * a flood of tens of megabytes a second would keep the UI thread busy all the time, while nobody can read more
 * than the newest lines of it. Output at readable rates is never passed over.
 */
final class ConsoleFeeder<S> {

	/** Writes text to one of the console's streams (an {@code S}; a recorder in tests). */
	@FunctionalInterface
	interface StreamWriter<S> {
		void write(S stream, String text) throws IOException;
	}

	/** How long lines gather before they are written: well under what a reader notices. */
	static final long FLUSH_MILLIS = 50;

	/**
	 * A line, one of Chirp's own notices (never passed over), the current state of a redrawn line, or the end of a
	 * redrawn line left as it stands.
	 */
	private enum Kind {
		LINE, NOTICE, REDRAW, END
	}

	private record Pending<S>(S stream, String line, Kind kind) {
	}

	private final S markerStream;
	private final StreamWriter<S> writer;
	private volatile int maxCharsPerFlush;
	private final ArrayDeque<Pending<S>> pending = new ArrayDeque<>();
	/** Chirp's own notices met while passing over lines: always written (they count what was dropped). */
	private final ArrayDeque<Pending<S>> notices = new ArrayDeque<>();
	private final Job flush;
	/** Set while a flush is scheduled: rescheduling a sleeping job would postpone it under a steady flood. */
	private final AtomicBoolean scheduled = new AtomicBoolean();
	private final Object writing = new Object();
	private long pendingChars;
	private long passedOver;
	private volatile boolean closed;
	/**
	 * The stream whose redrawn line is the console's last line, not yet ended, and that line's length; written
	 * and read only while {@link #writing} is held.
	 */
	private S openStream;
	private int openLength;
	private String openText;

	/**
	 * @param maxCharsPerFlush most characters one write carries (at most this many per {@link #FLUSH_MILLIS})
	 */
	ConsoleFeeder(String consoleName, S markerStream, int maxCharsPerFlush, StreamWriter<S> writer) {
		this.markerStream = markerStream;
		this.writer = writer;
		this.maxCharsPerFlush = maxCharsPerFlush;
		flush = Job.create("Chirp console " + consoleName, this::flush);
		flush.setSystem(true); // housekeeping: not a job for the Progress view
	}

	/** A new bound (the preference changed), from the next flush on. */
	void setMaxCharsPerFlush(int chars) {
		maxCharsPerFlush = chars;
	}

	/** Queues one line for {@code stream}; never blocks. */
	void add(S stream, String line) {
		addAll(stream, List.of(line));
	}

	/**
	 * Queues the current state of {@code stream}'s redrawn line (a progress bar); it replaces a state still
	 * waiting, so a bar redrawn thousands of times a second costs one write per flush. Needs a console that
	 * interprets {@code \r} as a control character. Never blocks.
	 */
	void redraw(S stream, String line) {
		synchronized (pending) {
			if (closed) {
				return;
			}
			dropWaitingRedraw(stream); // superseded by this newer state
			pending.add(new Pending<>(stream, line, Kind.REDRAW));
			pendingChars += line.length() + 1;
			passOverOldest();
		}
		scheduleFlush();
	}

	/** Ends a redrawn line as it stands (the run that drew it is over), so later text starts a line of its own. */
	void endRedrawnLine() {
		synchronized (pending) {
			if (!closed) {
				pending.add(new Pending<>(null, "", Kind.END));
			}
		}
		scheduleFlush();
	}

	private void scheduleFlush() {
		if (scheduled.compareAndSet(false, true)) {
			flush.schedule(FLUSH_MILLIS);
		}
	}

	/** Queues one of Chirp's own notices for {@code stream}: never passed over. */
	void notice(S stream, String text) {
		synchronized (pending) {
			if (closed) {
				return;
			}
			pending.add(new Pending<>(stream, text, Kind.NOTICE));
			pendingChars += text.length() + 1;
			passOverOldest();
		}
		scheduleFlush();
	}

	/** Queues several lines for {@code stream}, in order. */
	void addAll(S stream, List<String> lines) {
		synchronized (pending) {
			if (closed) {
				return;
			}
			dropWaitingRedraw(stream); // the line's final state follows: that redraw needs no write of its own
			for (String line : lines) {
				pending.add(new Pending<>(stream, line, Kind.LINE));
				pendingChars += line.length() + 1;
			}
			passOverOldest();
		}
		scheduleFlush();
	}

	/** Called with the lock held: drops {@code stream}'s redraw state when it is the last line waiting. */
	private void dropWaitingRedraw(S stream) {
		Pending<S> last = pending.peekLast();
		if (last != null && last.kind() == Kind.REDRAW && last.stream() == stream) {
			pending.pollLast();
			pendingChars -= last.line().length() + 1;
		}
	}

	/** Called with the lock held: drops the oldest lines beyond what one write may carry. */
	private void passOverOldest() {
		while (pendingChars > maxCharsPerFlush && pending.size() > 1) {
			Pending<S> oldest = pending.poll();
			pendingChars -= oldest.line().length() + 1;
			switch (oldest.kind()) {
			case NOTICE, END -> notices.add(oldest); // kept: they say what was dropped, or end a bar
			case REDRAW -> {
				// a newer state follows or the line is passed over anyway: nothing to count
			}
			case LINE -> passedOver++;
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
		Pending<S>[] lines;
		Pending<S>[] kept;
		long skipped;
		synchronized (pending) {
			lines = toArray(pending);
			pending.clear();
			kept = toArray(notices);
			notices.clear();
			pendingChars = 0;
			skipped = passedOver;
			passedOver = 0;
		}
		List<Chunk<S>> chunks = new ArrayList<>();
		for (Pending<S> notice : kept) {
			place(notice, chunks);
		}
		if (skipped > 0) {
			place(new Pending<>(markerStream, String.format(Locale.ROOT, OutputCapture.NOTICE_PREFIX
					+ "%,d lines passed over: more than %,d characters came within %d ms]", skipped, maxCharsPerFlush,
					FLUSH_MILLIS), Kind.LINE), chunks);
		}
		for (Pending<S> line : lines) {
			place(line, chunks);
		}
		try {
			for (Chunk<S> chunk : chunks) {
				writer.write(chunk.stream(), chunk.text().toString());
			}
		} catch (IOException e) {
			// the console was closed during shutdown: nobody can read these lines any more
		}
	}

	@SuppressWarnings("unchecked")
	private static <S> Pending<S>[] toArray(ArrayDeque<Pending<S>> queue) {
		return queue.toArray(Pending[]::new);
	}

	/** Text for one stream; consecutive text of one stream is written at once. */
	private record Chunk<S>(S stream, StringBuilder text) {
	}

	/**
	 * The text that puts {@code p} on the console as a terminal would: a redraw returns to the start of the open
	 * line ({@code \r}) and overwrites it, padded with spaces where it is shorter; a line ends it. A line of the
	 * other stream (a print on stdout while a bar on stderr is drawn) takes the bar's place and the bar is drawn
	 * again below it, as tqdm.write does: the bar stays the last line and is never left behind twice. Called
	 * while {@link #writing} is held.
	 */
	private void place(Pending<S> p, List<Chunk<S>> chunks) {
		String end = System.lineSeparator();
		if (p.kind() == Kind.END) {
			if (openStream != null) {
				append(chunks, openStream, end);
				openStream = null;
			}
			return;
		}
		if (openStream != null && openStream != p.stream()) {
			if (p.kind() == Kind.LINE) {
				append(chunks, p.stream(), overwriting(p.line()) + end);
				append(chunks, openStream, openText);
				openLength = openText.length();
				return;
			}
			append(chunks, openStream, end); // two streams redraw lines: each gets its own
			openStream = null;
		}
		String text = openStream != null ? overwriting(p.line()) : p.line();
		if (p.kind() == Kind.REDRAW) {
			openLength = Math.max(p.line().length(), openStream != null ? openLength : 0);
			openStream = p.stream();
			openText = p.line();
			append(chunks, p.stream(), text);
		} else {
			openStream = null;
			append(chunks, p.stream(), text + end);
		}
	}

	/** {@code line} over the open redrawn line: back to its start, and spaces over what the line does not cover. */
	private String overwriting(String line) {
		StringBuilder text = new StringBuilder(Math.max(line.length(), openLength) + 1).append('\r').append(line);
		for (int i = line.length(); i < openLength; i++) {
			text.append(' ');
		}
		return text.toString();
	}

	private static <S> void append(List<Chunk<S>> chunks, S stream, CharSequence text) {
		Chunk<S> last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
		if (last != null && last.stream() == stream) {
			last.text().append(text);
		} else {
			chunks.add(new Chunk<>(stream, new StringBuilder(text)));
		}
	}

	/** Writes what is pending now (at most one flush interval later anyway) and stops taking lines. */
	void close() {
		synchronized (pending) {
			closed = true; // first: a line added after the last write would be lost without a word
		}
		flush.cancel();
		write();
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
