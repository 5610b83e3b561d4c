package io.chirp.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Runs a program as the worker's data source: what it prints goes to the run's output (stderr as stderr), and
 * metrics in its lines ({@link MetricLineParser}) become metric points. The run ends when the program exits; a
 * non-zero exit code ends it with an error. Stop sends the program and its children a terminate signal and kills
 * whatever is left of the process tree after the grace period.
 */
public final class ProcessSource implements DataSource {

	/** Longest line kept whole; longer ones are cut into pieces of this size. */
	public static final int MAX_LINE_CHARS = 1 << 20;
	/** How many malformed values are reported one by one before only the total is. */
	static final int MALFORMED_REPORTED = 20;
	private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * What to run.
	 *
	 * @param command     program and arguments
	 * @param directory   working directory
	 * @param environment variables added to Chirp's own environment
	 * @param graceMillis how long Stop waits after the terminate signal before killing the process tree
	 */
	public record Spec(List<String> command, Path directory, Map<String, String> environment, long graceMillis) {

		public static final long DEFAULT_GRACE_MILLIS = 3_000;
		public static final long MAX_GRACE_MILLIS = 600_000;

		public Spec {
			if (command == null || command.isEmpty() || command.get(0).isBlank()) {
				throw new IllegalArgumentException("The command is empty: name a program to run.");
			}
			if (directory == null || !Files.isDirectory(directory)) {
				throw new IllegalArgumentException("The working directory " + directory + " does not exist or is not a folder.");
			}
			if (graceMillis < 0 || graceMillis > MAX_GRACE_MILLIS) {
				throw new IllegalArgumentException("graceMillis = " + graceMillis + " is invalid: allowed range [0, "
						+ MAX_GRACE_MILLIS + "]");
			}
			command = List.copyOf(command);
			environment = Map.copyOf(environment);
		}

		/** The command as a user would type it. */
		public String commandText() {
			return command.stream().map(w -> w.isEmpty() || w.matches(".*[\\s'\"\\\\].*") ? "'" + w.replace("'", "'\\''") + "'" : w)
					.collect(Collectors.joining(" "));
		}
	}

	private final Spec spec;
	private final MetricLineParser parser = new MetricLineParser();
	private final ConcurrentLinkedQueue<MetricPoint> points = new ConcurrentLinkedQueue<>();
	private final AtomicLong malformed = new AtomicLong();
	private final AtomicLong lines = new AtomicLong();
	private final List<Thread> readers = new ArrayList<>();
	/** Kills the process tree if Chirp itself is terminated (a signal, System.exit) while the program runs. */
	private final Thread killOnExit = new Thread(this::kill, "Chirp: kill watched program on exit");
	private SourceEvents events;
	private Process process;
	private long startNanos;
	private volatile boolean stopping;
	/** The last step a line named: lines without one belong to it (a warning in the middle of step 40). */
	private String lastStepKey;
	private double lastStep = Double.NaN;

	public ProcessSource(Spec spec) {
		this.spec = spec;
	}

	@Override
	public String name() {
		return spec.command().get(0).replaceAll(".*/", "");
	}

	@Override
	public double sampleRateHz() {
		return Double.NaN;
	}

	/** The running program, or null before {@link #open} or when it could not start. */
	public Process process() {
		return process;
	}

	@Override
	public void open(SourceEvents sourceEvents) throws IOException {
		this.events = sourceEvents;
		ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.directory().toFile());
		// Python buffers stdout in a pipe: lines would arrive in bursts without this
		builder.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
		builder.environment().putAll(spec.environment());
		try {
			process = builder.start();
		} catch (IOException e) {
			String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
			throw new IOException("Cannot start " + spec.commandText() + " in " + spec.directory() + ": " + reason, e);
		}
		startNanos = System.nanoTime();
		Runtime.getRuntime().addShutdownHook(killOnExit);
		process.getOutputStream().close(); // the program reads no input from Chirp
		events.event("started " + spec.commandText() + " (pid " + process.pid() + ")");
		// readers are started from the worker's thread, so what they print goes to the run's output
		readers.add(startReader(process.getInputStream(), false));
		readers.add(startReader(process.getErrorStream(), true));
	}

	private Thread startReader(InputStream stream, boolean stderr) {
		Thread reader = new Thread(() -> read(stream, stderr), "Chirp " + name() + (stderr ? " stderr" : " stdout"));
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	private void read(InputStream stream, boolean stderr) {
		// non-UTF-8 bytes become U+FFFD instead of failing the run
		Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
		try (LineReader lineReader = new LineReader(reader, MAX_LINE_CHARS)) {
			for (String line = lineReader.readLine(); line != null; line = lineReader.readLine()) {
				(stderr ? System.err : System.out).println(line);
				accept(line, lines.incrementAndGet());
			}
		} catch (IOException e) {
			if (!stopping) {
				events.problem(name() + ": reading its " + (stderr ? "stderr" : "stdout") + " failed: " + e.getMessage());
			}
		}
	}

	private synchronized void accept(String line, long lineNumber) {
		MetricLineParser.Parsed parsed = parser.parse(line);
		for (String bad : parsed.malformed()) {
			long count = malformed.incrementAndGet();
			if (count <= MALFORMED_REPORTED) {
				events.problem(String.format(Locale.ROOT, "%s line %,d: malformed value %s%s", name(), lineNumber,
						abbreviate(bad), count == MALFORMED_REPORTED ? " (further ones are only counted)" : ""));
			}
		}
		if (!parsed.hasMetrics()) {
			return;
		}
		if (parsed.stepKey() != null) {
			lastStepKey = parsed.stepKey();
			lastStep = parsed.step();
		}
		boolean hasStep = lastStepKey != null;
		String axis = hasStep ? lastStepKey : MetricPoint.TIME_AXIS;
		double x = hasStep ? lastStep : (System.nanoTime() - startNanos) / 1e9;
		Map<String, Double> values = new LinkedHashMap<>(parsed.values());
		values.forEach((metric, value) -> points.add(new MetricPoint(metric, axis, x, value)));
		events.event((hasStep ? axis + " " + format(x) : String.format(Locale.ROOT, "t = %.2f s", x)) + ": "
				+ values.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
						.collect(Collectors.joining(" ")));
	}

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	private static String abbreviate(String text) {
		return text.length() <= 80 ? text : text.substring(0, 77) + "...";
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws InterruptedException {
		while (true) {
			if (cancelled.getAsBoolean()) {
				return null;
			}
			boolean finished = !process.isAlive() && readers.stream().noneMatch(Thread::isAlive);
			List<MetricPoint> batch = new ArrayList<>();
			for (MetricPoint p = points.poll(); p != null; p = points.poll()) {
				batch.add(p);
			}
			if (!batch.isEmpty()) {
				return RawBatch.ofMetrics(sequence, batch);
			}
			if (finished) {
				return end();
			}
			LockSupport.parkNanos(this, WAIT_SLICE_NANOS); // Stop wakes this at once
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	/** The program has exited and all it printed was read: report, and fail the run on a non-zero exit code. */
	private RawBatch end() {
		int code = process.exitValue();
		String summary = String.format(Locale.ROOT, "%s exited with code %d after %.1f s (%,d lines, %,d malformed values)",
				spec.commandText(), code, (System.nanoTime() - startNanos) / 1e9, lines.get(), malformed.get());
		events.event(summary);
		events.problem(summary);
		if (code != 0) {
			throw new ProcessFailedException(name() + " exited with code " + code);
		}
		return null;
	}

	/** Thrown when the program exits with a non-zero code; the run then ends with an error status. */
	public static final class ProcessFailedException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		ProcessFailedException(String message) {
			super(message);
		}
	}

	@Override
	public void close() {
		if (process == null) {
			return;
		}
		if (process.isAlive()) {
			stopping = true;
			terminate();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(killOnExit);
		} catch (IllegalStateException e) {
			// the JVM is already shutting down: the hook runs and kills what is left
		}
		for (Thread reader : readers) {
			try {
				reader.join(TimeUnit.SECONDS.toMillis(1));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
	}

	/** Terminate signal to the program and its children; after the grace period, kill what is left of the tree. */
	private void terminate() {
		long started = System.nanoTime();
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		process.destroy();
		tree.forEach(ProcessHandle::destroy);
		boolean exited;
		try {
			exited = process.waitFor(spec.graceMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			exited = false;
		}
		String how;
		if (exited) {
			how = "ended by Stop (terminate signal)";
		} else {
			killTree();
			try {
				process.waitFor(2, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			how = String.format(Locale.ROOT, "killed by Stop after the %.1f s grace period", spec.graceMillis() / 1e3);
		}
		// children that ignored the signal are killed either way: nothing may outlive the run
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		String text = String.format(Locale.ROOT, "%s %s: exit code %s, %.2f s after Stop", spec.commandText(), how,
				process.isAlive() ? "unknown (still running)" : Integer.toString(process.exitValue()),
				(System.nanoTime() - started) / 1e9);
		events.event(text);
		events.problem(text);
	}

	@Override
	public void kill() {
		if (process != null && process.isAlive()) {
			stopping = true;
			killTree();
		}
	}

	private void killTree() {
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		process.destroyForcibly();
		tree.forEach(ProcessHandle::destroyForcibly);
	}
}
