package io.chirp.source.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.chirp.core.output.OutputCapture;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.ProgressBar;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;
import io.chirp.core.source.SourceFailedException;
import io.chirp.core.text.MetricLineParser;
import io.chirp.core.text.MetricReader;
import io.chirp.core.text.ReadingReport;
import io.chirp.core.text.TerminalLines;

/**
 * Runs a program as the worker's data source: what it prints goes to the run's output (stderr as stderr), as a
 * terminal shows it (progress bars redrawn in place, {@link TerminalLines}), and metrics in its lines
 * ({@link MetricReader}) become metric points; a progress bar it draws is the worker's progress. The run ends when
 * the program exits; a non-zero exit code ends it with an error. The program runs in a process group of its own:
 * Stop sends the whole group a terminate signal and kills whatever is left after the grace period, and processes
 * left running when the program exits are ended with the run.
 */
public final class ProcessSource implements DataSource {

	/** Longest line kept whole (as long as metrics are looked for); longer ones are cut into pieces of this size. */
	public static final int MAX_LINE_CHARS = TerminalLines.MAX_LINE_CHARS;
	/** How long {@link #next} waits for data before it returns an empty batch, so the worker can report progress. */
	static final long IDLE_RETURN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
	/** After the program exits, how long what it printed may take to arrive before processes it left are ended. */
	static final long DRAIN_MILLIS = 500;
	/** How long processes the program left behind get to end after the terminate signal. */
	static final long LEFTOVER_GRACE_MILLIS = 500;
	/** util-linux {@code setsid}: starts the program in a session (and process group) of its own. */
	private static final Path SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
			.filter(Files::isExecutable).findFirst().orElse(null);
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
	private final MetricReader metrics = new MetricReader(MetricPoint.TIME_AXIS);
	private final ConcurrentLinkedQueue<MetricPoint> points = new ConcurrentLinkedQueue<>();
	private final List<Thread> readers = new ArrayList<>();
	/** Kills the process group if Chirp itself is terminated (a signal, System.exit) while the program runs. */
	private final Thread killOnExit = new Thread(this::kill, "Chirp: kill watched program on exit");
	private SourceEvents events;
	private ReadingReport report;
	private Process process;
	/** The program's process group (it leads its own session), or 0 when it could not get one. */
	private long group;
	private long startNanos;
	private long exitedNanos;
	private long lastRedrawEventNanos;
	private volatile boolean stopping;
	private volatile ProgressBar progress;

	public ProcessSource(Spec spec) {
		this.spec = spec;
	}

	/**
	 * The program's file name; for an interpreter ({@code python3 -u train.py}), the script's: that is what a run
	 * is called by.
	 */
	@Override
	public String name() {
		java.util.List<String> command = spec.command();
		String program = command.get(0).replaceAll(".*/", "");
		if (program.matches("(python|pypy|bash|sh|zsh|node|Rscript|ruby|perl|julia|uv|torchrun|accelerate)[\\d.]*")) {
			for (String argument : command.subList(1, command.size())) {
				if (argument.equals("-c") || argument.equals("-e") || argument.isBlank() || argument.matches(".*\\s.*")) {
					break; // code on the command line (sh -c '...'): the interpreter's name says more than its text
				}
				if (!argument.startsWith("-")) {
					return argument.replaceAll(".*/", "");
				}
			}
		}
		return program;
	}

	@Override
	public Integer exitCode() {
		Process p = process;
		return p == null || p.isAlive() ? null : p.exitValue();
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
	public ProgressBar progress() {
		return progress;
	}

	@Override
	public void open(SourceEvents sourceEvents) throws IOException {
		this.events = sourceEvents;
		this.report = new ReadingReport(sourceEvents, name());
		ProcessBuilder builder = new ProcessBuilder().directory(spec.directory().toFile());
		// Python buffers stdout in a pipe: lines would arrive in bursts without this
		builder.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
		builder.environment().putAll(spec.environment());
		checkRunnable(builder.environment().get("PATH"));
		List<String> command = new ArrayList<>(spec.command());
		if (SETSID != null) {
			// its own session and process group: Stop and shutdown reach every process it starts, even those whose
			// parent has exited (a background server started by a training script)
			command.addAll(0, List.of(SETSID.toString(), "--wait"));
		}
		try {
			process = builder.command(command).start();
		} catch (IOException e) {
			String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
			throw new IOException(cannotStart(reason), e);
		}
		group = SETSID != null ? process.pid() : 0;
		startNanos = System.nanoTime();
		Runtime.getRuntime().addShutdownHook(killOnExit);
		process.getOutputStream().close(); // the program reads no input from Chirp
		events.event("started " + spec.commandText() + " (pid " + process.pid() + ")");
		readers.add(startReader(process.getInputStream(), false));
		readers.add(startReader(process.getErrorStream(), true));
	}

	private String cannotStart(String reason) {
		return "Cannot start " + spec.commandText() + " in " + spec.directory() + ": " + reason;
	}

	/** A clear reason before starting, rather than the wrapper's exit code, when the program is not there. */
	private void checkRunnable(String path) throws IOException {
		String program = spec.command().get(0);
		if (program.contains("/")) {
			Path file = spec.directory().resolve(program);
			if (!Files.exists(file)) {
				throw new IOException(cannotStart("No such file or directory"));
			}
			if (!Files.isExecutable(file) || Files.isDirectory(file)) {
				throw new IOException(cannotStart("Permission denied (not an executable file)"));
			}
			return;
		}
		for (String folder : (path == null ? "" : path).split(":")) {
			Path file = Path.of(folder.isEmpty() ? "." : folder).resolve(program);
			if (Files.isExecutable(file) && !Files.isDirectory(file)) {
				return;
			}
		}
		throw new IOException(cannotStart("No such file or directory (no program named " + program + " on the PATH)"));
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
		try (TerminalLines lines = new TerminalLines(reader, MAX_LINE_CHARS)) {
			for (TerminalLines.Line line = lines.next(); line != null; line = lines.next()) {
				events.output(line.cut() ? line.text() + OutputCapture.SPLIT_MARKER : line.text(), stderr, line.redraw());
				accept(line.text(), line.redraw(), stderr);
			}
		} catch (IOException e) {
			if (!stopping) {
				events.problem(name() + ": reading its " + (stderr ? "stderr" : "stdout") + " failed: " + e.getMessage());
			}
		}
	}

	private synchronized void accept(String line, boolean redraw, boolean stderr) {
		MetricReader.Reading reading = metrics.read(line, redraw, stderr ? 1 : 0, (System.nanoTime() - startNanos) / 1e9);
		progress = metrics.activeBar();
		report.report(reading, metrics.lines());
		if (reading.points().isEmpty()) {
			return;
		}
		points.addAll(reading.points());
		long now = System.nanoTime();
		// a bar redrawn thousands of times a second would flood the Worker console: its states once a second
		if (!redraw || now - lastRedrawEventNanos >= TimeUnit.SECONDS.toNanos(1)) {
			if (redraw) {
				lastRedrawEventNanos = now;
			}
			MetricPoint first = reading.points().get(0);
			events.event((first.axis().equals(MetricPoint.TIME_AXIS) ? String.format(Locale.ROOT, "t = %.2f s", first.x())
					: first.axis() + " " + format(first.x())) + ": "
					+ reading.points().stream().map(p -> p.name() + "=" + format(p.value())).collect(Collectors.joining(" ")));
		}
	}

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws InterruptedException {
		long idleSince = System.nanoTime();
		while (true) {
			if (cancelled.getAsBoolean()) {
				return null;
			}
			boolean exited = !process.isAlive();
			boolean finished = exited && readers.stream().noneMatch(Thread::isAlive);
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
			if (exited) {
				endLeftovers();
			}
			if (System.nanoTime() - idleSince >= IDLE_RETURN_NANOS) {
				return RawBatch.ofMetrics(sequence, List.of()); // nothing new: the worker may show progress meanwhile
			}
			LockSupport.parkNanos(this, WAIT_SLICE_NANOS); // Stop wakes this at once
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	/** The metric points of the lines read while the program was being stopped. */
	@Override
	public RawBatch remaining(long sequence) {
		List<MetricPoint> batch = new ArrayList<>();
		for (MetricPoint p = points.poll(); p != null; p = points.poll()) {
			batch.add(p);
		}
		return batch.isEmpty() ? null : RawBatch.ofMetrics(sequence, batch);
	}

	/**
	 * The program has exited but its output is still open: processes it started hold it (a server in the
	 * background). After {@link #DRAIN_MILLIS} for what is still on its way, they are ended: nothing outlives its run.
	 */
	private void endLeftovers() throws InterruptedException {
		long now = System.nanoTime();
		if (exitedNanos == 0) {
			exitedNanos = now;
			return;
		}
		if (now - exitedNanos < TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS) || stopping) {
			return;
		}
		stopping = true;
		endLeftoversNow();
		for (Thread reader : readers) {
			reader.join(1_000); // an escaped process may still hold the pipe: the run ends anyway
		}
		readers.removeIf(Thread::isAlive);
	}

	/** Ends the processes the program left running (terminate signal, then kill), and says so. */
	private void endLeftoversNow() {
		List<ProcessHandle> left = leftovers();
		left.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEFTOVER_GRACE_MILLIS);
		while (left.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		leftovers().forEach(ProcessHandle::destroyForcibly);
		String text = String.format(Locale.ROOT, "%s exited, leaving %d process%s running: ended with the run",
				name(), left.size(), left.size() == 1 ? "" : "es");
		events.event(text);
		events.problem(text);
	}

	/** Every live process of the program's group, and its descendants that left the group. */
	private List<ProcessHandle> leftovers() {
		List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
		if (process.isAlive()) {
			all.add(process.toHandle());
		}
		if (group > 0) {
			for (ProcessHandle p : ProcessGroup.members(group)) {
				if (!all.contains(p)) {
					all.add(p);
				}
			}
		}
		all.removeIf(p -> !p.isAlive() || p.pid() == ProcessHandle.current().pid());
		return all;
	}

	/** The program has exited and all it printed was read: report, and fail the run on a non-zero exit code. */
	private RawBatch end() {
		progress = null;
		int code = process.exitValue();
		String summary = String.format(Locale.ROOT,
				"%s exited with code %d after %.1f s (%,d lines, %,d malformed values, %,d progress bars%s)",
				spec.commandText(), code, (System.nanoTime() - startNanos) / 1e9, metrics.lines(), report.malformed(),
				metrics.barsSeen(), metrics.failures() > 0 ? String.format(Locale.ROOT, ", %,d lines not readable",
						metrics.failures()) : "");
		events.event(summary);
		events.problem(summary);
		if (code != 0) {
			throw new SourceFailedException(name() + " exited with code " + code);
		}
		return null;
	}

	@Override
	public void close() {
		if (process == null) {
			return;
		}
		if (process.isAlive()) {
			stopping = true;
			terminate();
		} else if (!leftovers().isEmpty()) {
			stopping = true;
			endLeftoversNow();
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

	/** Terminate signal to the program's whole group; after the grace period, kill what is left of it. */
	private void terminate() {
		long started = System.nanoTime();
		List<ProcessHandle> tree = leftovers();
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
		leftovers().forEach(ProcessHandle::destroyForcibly);
		String text = String.format(Locale.ROOT, "%s %s: exit code %s, %.2f s after Stop", spec.commandText(), how,
				process.isAlive() ? "unknown (still running)" : Integer.toString(process.exitValue()),
				(System.nanoTime() - started) / 1e9);
		events.event(text);
		events.problem(text);
	}

	@Override
	public void kill() {
		if (process != null) {
			stopping = true;
			killTree();
		}
	}

	private void killTree() {
		List<ProcessHandle> all = leftovers();
		process.destroyForcibly();
		all.forEach(ProcessHandle::destroyForcibly);
	}
}
