package io.chirp.core.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces {@code System.out} and {@code System.err} with routing streams for as long as it is open. Text printed
 * by a thread bound to a sink (a run's job, and threads it starts) goes to that sink, whole lines at a time, decoded
 * as UTF-8; text of every other thread goes to the original streams unchanged. {@link #close()} puts the originals
 * back.
 * <p>
 * Policy for a slow or stalled sink: lines wait in a bounded buffer delivered by a thread of the capture. When the
 * buffer is full a printing thread waits at most {@link #DEFAULT_MAX_PRINT_WAIT_MILLIS}, then the line is dropped and
 * counted; once the sink takes lines again it first receives a line saying how many were dropped. A printing job
 * is therefore never blocked for long, and nothing disappears silently.
 */
public final class OutputCapture implements AutoCloseable {

	/** Appended to the part of a line cut off at the length limit; the rest follows as the next line. */
	public static final String SPLIT_MARKER = " \u21a9";
	/** How Chirp's own notices in a run's output begin ("[Chirp: 12 lines dropped ..."). */
	public static final String NOTICE_PREFIX = "[Chirp: ";
	public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
	public static final long DEFAULT_BUFFER_BYTES = 8L * 1024 * 1024;
	/**
	 * Longest wait of a printing thread for room in the buffer. Long enough that a garbage collection pause or a
	 * busy moment of the delivery thread drops nothing; short enough that a stalled sink barely slows a job.
	 */
	public static final long DEFAULT_MAX_PRINT_WAIT_MILLIS = 250;

	private final PrintStream originalOut;
	private final PrintStream originalErr;
	private final int maxLineBytes;
	private final long bufferBytes;
	private final long maxPrintWaitNanos;
	private final InheritableThreadLocal<OutputSink> boundSink = new PoolSafeBinding();
	private final ThreadLocal<LineBuffer> pendingOut = ThreadLocal.withInitial(LineBuffer::new);
	private final ThreadLocal<LineBuffer> pendingErr = ThreadLocal.withInitial(LineBuffer::new);
	private final ArrayDeque<Pending> queue = new ArrayDeque<>();
	private final AtomicLong dropped = new AtomicLong();
	private final Thread delivery;
	private long queuedBytes;
	private long droppedUnreported;
	private OutputSink droppedSink;
	private boolean closed;
	private boolean delivering;

	/** A line for a sink; {@code notice} marks Chirp's own report of dropped lines. */
	private record Pending(OutputSink sink, String line, boolean stderr, boolean notice) {

		Pending(OutputSink sink, String line, boolean stderr) {
			this(sink, line, stderr, false);
		}
	}

	/**
	 * The binding a thread passes on to the threads it starts, except to the worker threads of a pool. A pool
	 * (the Jobs worker pool above all) creates a worker on whichever thread schedules work while all its workers are
	 * busy; that worker lives on and runs unrelated jobs, whose prints must not reach a run's console. Pool threads
	 * start unbound, and a job binds itself for the time it runs ({@link #bind}).
	 */
	private static final class PoolSafeBinding extends InheritableThreadLocal<OutputSink> {

		/** Where pools create their worker threads; a frame of one of these on the stack means a pool thread. */
		private static final Set<String> POOL_CLASSES = Set.of("org.eclipse.core.internal.jobs.WorkerPool",
				"java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool",
				"java.util.concurrent.ScheduledThreadPoolExecutor");

		@Override
		protected OutputSink childValue(OutputSink parentValue) {
			if (parentValue == null) {
				return null;
			}
			// only asked when a bound thread starts a thread, which is rare: walking the stack costs nothing that counts
			boolean byPool = StackWalker.getInstance()
					.walk(frames -> frames.anyMatch(f -> POOL_CLASSES.contains(f.getClassName())));
			return byPool ? null : parentValue;
		}
	}

	/** Installs the capture with the default limits. */
	public static OutputCapture install() {
		return new OutputCapture(DEFAULT_MAX_LINE_BYTES, DEFAULT_BUFFER_BYTES);
	}

	public OutputCapture(int maxLineBytes, long bufferBytes) {
		this(maxLineBytes, bufferBytes, DEFAULT_MAX_PRINT_WAIT_MILLIS);
	}

	/** @param maxPrintWaitMillis longest wait of a printing thread for room in the buffer before its line is dropped */
	public OutputCapture(int maxLineBytes, long bufferBytes, long maxPrintWaitMillis) {
		if (maxPrintWaitMillis < 0) {
			throw new IllegalArgumentException("maxPrintWaitMillis = " + maxPrintWaitMillis + " is invalid: allowed range [0, ...)");
		}
		this.maxPrintWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxPrintWaitMillis);
		if (maxLineBytes < 16) {
			throw new IllegalArgumentException("maxLineBytes = " + maxLineBytes + " is invalid: allowed range [16, ...)");
		}
		if (bufferBytes < maxLineBytes) {
			throw new IllegalArgumentException("bufferBytes = " + bufferBytes + " is invalid: must be >= maxLineBytes ("
					+ maxLineBytes + ")");
		}
		this.maxLineBytes = maxLineBytes;
		this.bufferBytes = bufferBytes;
		synchronized (System.class) {
			originalOut = System.out;
			originalErr = System.err;
			System.setOut(new PrintStream(new Router(false), true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(new Router(true), true, StandardCharsets.UTF_8));
		}
		delivery = new Thread(this::deliver, "Chirp output delivery");
		delivery.setDaemon(true);
		delivery.start();
	}

	/**
	 * Routes what the current thread (and threads it starts from now on, pool workers excepted) prints to
	 * {@code sink} until the returned binding is closed.
	 */
	public Binding bind(OutputSink sink) {
		OutputSink previous = boundSink.get();
		boundSink.set(sink);
		return () -> {
			flushPartial(false);
			flushPartial(true);
			boundSink.set(previous);
		};
	}

	/** Ends a {@link #bind} scope; a partial last line is delivered as a line. */
	@FunctionalInterface
	public interface Binding extends AutoCloseable {
		@Override
		void close();
	}

	/**
	 * Waits until every line queued so far has reached its sink.
	 *
	 * @return false when that took longer than {@code timeoutMillis}
	 */
	public boolean awaitDelivered(long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		synchronized (queue) {
			while (!queue.isEmpty() || delivering) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(queue, left);
			}
			return true;
		}
	}

	/** Lines dropped so far because the sink did not keep up. */
	public long droppedLines() {
		return dropped.get();
	}

	/** Delivers what is buffered (waiting at most a second for the sink) and restores the original streams. */
	@Override
	public void close() {
		synchronized (queue) {
			if (closed) {
				return;
			}
		}
		synchronized (System.class) {
			System.out.flush();
			System.err.flush();
			System.setOut(originalOut);
			System.setErr(originalErr);
		}
		synchronized (queue) {
			closed = true;
			queue.notifyAll();
		}
		try {
			delivery.join(TimeUnit.SECONDS.toMillis(1));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** The stream behind the replacement {@code System.out}/{@code System.err}. */
	private final class Router extends OutputStream {
		private final boolean stderr;

		Router(boolean stderr) {
			this.stderr = stderr;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			OutputSink sink = boundSink.get();
			if (sink == null) {
				(stderr ? originalErr : originalOut).write(bytes, offset, length);
				return;
			}
			LineBuffer pending = (stderr ? pendingErr : pendingOut).get();
			int end = offset + length;
			int from = offset;
			// the pending size only changes here; asking the (synchronized) buffer per byte cost more than the scan
			int pendingSize = pending.size();
			for (int i = offset; i < end; i++) {
				byte b = bytes[i];
				if (b == '\n') {
					pending.write(bytes, from, i - from);
					emit(sink, pending, false);
					pendingSize = 0;
					from = i + 1;
				} else if (pendingSize + (i - from) >= maxLineBytes && (b & 0xC0) != 0x80) {
					// cut only before a character's first byte, never inside a UTF-8 sequence
					pending.write(bytes, from, i - from);
					from = i;
					emit(sink, pending, true);
					pendingSize = 0;
				}
			}
			pending.write(bytes, from, end - from);
		}

		@Override
		public void flush() {
			OutputSink sink = boundSink.get();
			if (sink == null) {
				(stderr ? originalErr : originalOut).flush();
			}
			// a bound thread's partial line stays pending: flushing must not cut a line in two
		}

		private void emit(OutputSink sink, LineBuffer pending, boolean split) {
			String line = pending.takeLine(!split);
			enqueue(new Pending(sink, split ? line + SPLIT_MARKER : line, stderr));
		}
	}

	private void flushPartial(boolean stderr) {
		OutputSink sink = boundSink.get();
		LineBuffer pending = (stderr ? pendingErr : pendingOut).get();
		if (sink != null && pending.size() > 0) {
			enqueue(new Pending(sink, pending.takeLine(false), stderr));
		}
	}

	/** One thread's pending bytes; decodes a line straight from its buffer (one copy per line, not two). */
	private static final class LineBuffer extends ByteArrayOutputStream {

		/** The bytes so far as a line, without a final CR when {@code dropCr} (CRLF line ends); empties the buffer. */
		String takeLine(boolean dropCr) {
			int length = count;
			if (dropCr && length > 0 && buf[length - 1] == '\r') {
				length--;
			}
			String line = new String(buf, 0, length, StandardCharsets.UTF_8);
			count = 0;
			return line;
		}
	}

	private void enqueue(Pending pending) {
		long size = footprint(pending.line());
		synchronized (queue) {
			long deadline = System.nanoTime() + maxPrintWaitNanos;
			while (!closed && queuedBytes + size > bufferBytes) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					countDropped(pending.sink());
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(queue, left);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					countDropped(pending.sink());
					return;
				}
			}
			reportDropped();
			boolean wasEmpty = queue.isEmpty();
			queue.add(pending);
			queuedBytes += size;
			if (wasEmpty) {
				queue.notifyAll(); // only an empty queue has the delivery thread waiting
			}
		}
	}

	/** What a queued line counts against the buffer: its characters plus the queue entry. */
	private static long footprint(String line) {
		return 2L * line.length() + 64;
	}

	/** Called with the queue's lock held. */
	private void countDropped(OutputSink sink) {
		dropped.incrementAndGet();
		droppedUnreported++;
		droppedSink = sink;
	}

	/** Queues the report of dropped lines, if any; called with the queue's lock held. */
	private void reportDropped() {
		if (droppedUnreported > 0) {
			String report = NOTICE_PREFIX + droppedUnreported + " lines dropped: the output sink did not keep up]";
			queue.add(new Pending(droppedSink, report, true, true));
			queuedBytes += footprint(report);
			droppedUnreported = 0;
		}
	}

	/** Hands lines to a sink; what it throws is reported, never fatal to the delivery thread. */
	private void deliverSafely(OutputSink sink, List<String> lines, boolean stderr, boolean notice) {
		try {
			if (notice) {
				sink.notice(lines.get(0), stderr);
			} else {
				sink.lines(lines, stderr);
			}
		} catch (RuntimeException | Error e) {
			// this is the one delivery thread: were it to end, every bound print would wait and be dropped
			originalErr.println("Chirp: an output sink failed: " + e + " (" + lines.size() + " lines lost)");
		}
	}

	/** Most lines handed to a sink at once: big enough to amortise the sink's cost, small enough to stay responsive. */
	private static final int MAX_LINES_PER_DELIVERY = 512;

	private void deliver() {
		List<Pending> batch = new ArrayList<>();
		while (true) {
			synchronized (queue) {
				while (queue.isEmpty() && !closed) {
					try {
						queue.wait();
					} catch (InterruptedException e) {
						return;
					}
				}
				if (queue.isEmpty()) {
					return; // closed and drained
				}
				for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_LINES_PER_DELIVERY ? queue.poll() : null) {
					batch.add(p);
				}
				delivering = true;
			}
			long bytes = 0;
			// consecutive lines for the same sink and stream go in one call, in the order they were printed
			for (int from = 0; from < batch.size();) {
				Pending first = batch.get(from);
				if (first.notice()) {
					bytes += footprint(first.line());
					deliverSafely(first.sink(), List.of(first.line()), first.stderr(), true);
					from++;
					continue;
				}
				int to = from + 1;
				while (to < batch.size() && batch.get(to).sink() == first.sink() && batch.get(to).stderr() == first.stderr()
						&& !batch.get(to).notice()) {
					to++;
				}
				List<String> lines = new ArrayList<>(to - from);
				for (int i = from; i < to; i++) {
					lines.add(batch.get(i).line());
					bytes += footprint(batch.get(i).line());
				}
				deliverSafely(first.sink(), lines, first.stderr(), false);
				from = to;
			}
			batch.clear();
			synchronized (queue) {
				delivering = false;
				queuedBytes -= bytes;
				if (queue.isEmpty()) {
					reportDropped(); // the sink caught up: tell it what it missed
				}
				queue.notifyAll();
			}
		}
	}
}
