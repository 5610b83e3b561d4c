package io.chirp.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.MetricSeries;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;

/**
 * Several runs at once for a bounded time (20 s in the suite; {@code -Dchirp.stress.seconds=N} for longer, as
 * {@code ./chirp bench} does): sources print from their job, from a thread they start and through their output
 * channel, produce samples and metrics under new names, and are stopped, cancelled in either job, or end by
 * themselves at random points, while reader threads read every model as the chart does. The random choices come
 * from one seed, printed first; {@code -Dchirp.stress.seed=S} replays a run.
 * <p>
 * After every run: nothing lost, every sample stored once in order, every metric point stored, every printed line
 * delivered once to that run's sink. At the end: no exception anywhere, no job, thread or process of Chirp's left,
 * and the heap back near where it started.
 */
class ConcurrencyStressTest {

	private static final int RUNS_AT_ONCE = 3;
	private static final int READERS = 2;
	private static final int HISTORY = 1 << 16;
	private static final int BATCH = 256;

	/** Collects one run's lines; a sink per run, so a line in the wrong sink shows as a difference. */
	private static final class RunSink implements OutputSink {
		private final List<String> lines = new ArrayList<>();

		@Override
		public synchronized void line(String line, boolean stderr) {
			lines.add((stderr ? "err " : "out ") + line);
		}

		synchronized List<String> lines() {
			return new ArrayList<>(lines);
		}
	}

	/**
	 * Samples whose values are their index; per batch a metric point under one of a growing set of names; a print
	 * per batch from the worker's thread, lines from a helper thread it starts, and lines through the output channel.
	 */
	private static final class StressSource implements DataSource {
		private final String tag;
		private final long endAt;
		private final int names;
		private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
		private final Map<Long, String> metricOfBatch = new java.util.concurrent.ConcurrentHashMap<>();
		private Thread helper;

		StressSource(String tag, long endAt, int names) {
			this.tag = tag;
			this.endAt = endAt;
			this.names = names;
		}

		@Override
		public void open(SourceEvents events) {
			helper = new Thread(() -> {
				for (int i = 0; i < 50; i++) {
					String line = tag + " helper " + i;
					System.out.println(line); // a thread the source started inherits the run's output
					printed.add("out " + line);
				}
			}, "stress helper " + tag);
			helper.start();
			for (int i = 0; i < 5; i++) {
				String line = tag + " channel " + i;
				events.output(line, i % 2 == 1, false);
				printed.add((i % 2 == 1 ? "err " : "out ") + line);
			}
		}

		@Override
		public void close() {
			try {
				helper.join(5_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public String name() {
			return "Stress " + tag;
		}

		@Override
		public double sampleRateHz() {
			return Double.NaN;
		}

		@Override
		public RawBatch next(long sequence, BooleanSupplier cancelled) {
			if (sequence == endAt) {
				return null;
			}
			LockSupport.parkNanos(20_000); // about as fast as a print per batch lets the console keep up
			boolean stderr = sequence % 3 == 0;
			String line = tag + " batch " + sequence;
			(stderr ? System.err : System.out).println(line);
			printed.add((stderr ? "err " : "out ") + line);
			double[] v = new double[BATCH];
			for (int i = 0; i < BATCH; i++) {
				v[i] = sequence * BATCH + i;
			}
			// names grow with the run: new names keep appearing while readers list them
			String metric = "m" + (sequence % Math.min(names, 1 + sequence / 4));
			metricOfBatch.put(sequence, metric);
			return new RawBatch(sequence, sequence * BATCH, v.clone(), v, System.nanoTime(),
					List.of(new MetricPoint(metric, "step", sequence, sequence)));
		}
	}

	private enum Ending {
		STOP, STOP_AT_ONCE, CANCEL_WORKER, CANCEL_RECEIVER, ENDS_ITSELF, TWO_STOPS, PROGRAM
	}

	@Test
	void severalRunsStoppedAndCancelledAtRandomLoseNothingAndLeaveNothing() throws Exception {
		long seconds = Long.getLong("chirp.stress.seconds", 20);
		long seed = Long.getLong("chirp.stress.seed", System.nanoTime());
		System.out.println("ConcurrencyStressTest: " + seconds + " s, seed " + seed
				+ " (replay with -Dchirp.stress.seed=" + seed + ")");
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long baseline = usedHeapAfterGc(memory);

		List<Throwable> failures = new CopyOnWriteArrayList<>();
		AtomicLong cycles = new AtomicLong();
		AtomicLong reads = new AtomicLong();
		Map<Ending, AtomicLong> endings = new java.util.concurrent.ConcurrentHashMap<>();
		AtomicBoolean done = new AtomicBoolean();
		List<RunController> controllers = new ArrayList<>();
		try (OutputCapture capture = OutputCapture.install()) {
			for (int r = 0; r < RUNS_AT_ONCE; r++) {
				controllers.add(new RunController(HISTORY, 8, capture));
			}
			List<Thread> threads = new ArrayList<>();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
			for (int r = 0; r < RUNS_AT_ONCE; r++) {
				int id = r;
				Random random = new Random(seed + r);
				threads.add(new Thread(() -> {
					try {
						for (int cycle = 0; System.nanoTime() < deadline; cycle++) {
							Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
							endings.computeIfAbsent(ending, e -> new AtomicLong()).incrementAndGet();
							oneRun(controllers.get(id), capture, "r" + id + "c" + cycle, ending, random,
									"seed " + seed + ", run " + id + ", cycle " + cycle + ", " + ending);
							cycles.incrementAndGet();
						}
					} catch (Throwable t) {
						failures.add(t);
					}
				}, "stress driver " + r));
			}
			for (int k = 0; k < READERS; k++) {
				threads.add(new Thread(() -> {
					try {
						while (!done.get()) {
							for (RunController c : controllers) {
								readAsTheChartDoes(c.model());
								reads.incrementAndGet();
							}
						}
					} catch (Throwable t) {
						failures.add(t);
					}
				}, "stress reader " + k));
			}
			threads.forEach(Thread::start);
			for (int r = 0; r < RUNS_AT_ONCE; r++) {
				threads.get(r).join(TimeUnit.SECONDS.toMillis(seconds + 60));
			}
			done.set(true);
			for (Thread t : threads) {
				t.join(10_000);
			}
			for (RunController c : controllers) {
				assertTrue(c.stopForShutdown(5_000, 2_000), "controller stopped");
				assertEquals(0, Job.getJobManager().find(c.family()).length, "jobs left");
			}
			assertEquals(0, capture.droppedLines(), "lines dropped");
		}
		if (!failures.isEmpty()) {
			AssertionError error = new AssertionError("seed " + seed + ": " + failures.size() + " failures", failures.get(0));
			failures.stream().skip(1).limit(5).forEach(error::addSuppressed);
			throw error;
		}
		System.out.println("ConcurrencyStressTest: " + cycles.get() + " runs (" + endings + "), " + reads.get()
				+ " model reads, seed " + seed);
		assertTrue(cycles.get() >= RUNS_AT_ONCE * 5L, "only " + cycles.get() + " runs in " + seconds + " s");
		assertTrue(reads.get() > 0, "the readers read");
		for (Ending e : Ending.values()) {
			assertTrue(endings.containsKey(e) || cycles.get() < 50, "no run ended by " + e);
		}

		assertNothingOfChirpsLeft();
		controllers.clear();
		long after = usedHeapAfterGc(memory);
		System.out.printf("ConcurrencyStressTest: heap %d MB before, %d MB after%n", baseline >> 20, after >> 20);
		assertTrue(after < baseline + (48L << 20), "heap after " + (after >> 20) + " MB, before " + (baseline >> 20) + " MB");
	}

	/** Starts one run, ends it the chosen way, and checks what it left in its model and its sink. */
	private static void oneRun(RunController controller, OutputCapture capture, String tag, Ending ending, Random random,
			String context) throws Exception {
		RunSink sink = new RunSink();
		AtomicReference<RunSummary> summary = new AtomicReference<>();
		CountDownLatch idle = new CountDownLatch(1);
		RunListener listener = new RunListener() {
			@Override
			public void runEnded(RunSummary s) {
				summary.set(s);
			}

			@Override
			public void stateChanged(RunState state) {
				if (state == RunState.IDLE) {
					idle.countDown();
				}
			}
		};
		controller.addListener(listener);
		try {
			if (ending == Ending.PROGRAM) {
				oneProgramRun(controller, capture, tag, random, sink, summary, context);
				return;
			}
			long endAt = ending == Ending.ENDS_ITSELF ? random.nextInt(200) : -1;
			StressSource source = new StressSource(tag, endAt, 1 + random.nextInt(40));
			RunModel model = controller.start(source, sink);
			long runMillis = ending == Ending.STOP_AT_ONCE ? 0 : random.nextInt(60);
			switch (ending) {
			case STOP, STOP_AT_ONCE -> {
				pause(runMillis);
				assertTrue(controller.stop(10_000), context + ": stopped");
			}
			case CANCEL_WORKER, CANCEL_RECEIVER -> {
				pause(runMillis);
				// as the Progress view does: the job's own cancel, not the controller's
				String prefix = ending == Ending.CANCEL_WORKER ? "Chirp worker" : "Chirp receiver";
				for (Job job : Job.getJobManager().find(controller.family())) {
					if (job.getName().startsWith(prefix)) {
						job.cancel();
					}
				}
				awaitIdle(controller, idle, context);
			}
			case ENDS_ITSELF -> awaitIdle(controller, idle, context);
			case TWO_STOPS -> {
				pause(runMillis);
				Thread other = new Thread(controller::requestStop, "second stop");
				other.start();
				assertTrue(controller.stop(10_000), context + ": stopped");
				other.join(10_000);
			}
			default -> throw new IllegalStateException(ending.name());
			}
			assertTrue(capture.awaitDelivered(10_000), context + ": output delivered");
			RunSummary s = summary.get();
			assertTrue(s != null, context + ": summary published");
			assertEquals(0, s.lost(), context + ": lost");
			assertEquals(model.produced(), model.received(), context + ": produced = received");
			assertEquals(model.received(), model.stored(), context + ": received = stored");
			assertEverySampleOnceInOrder(model, context);
			assertEveryMetricPointStored(model, source, context);
			List<String> expected = new ArrayList<>(source.printed);
			List<String> delivered = sink.lines();
			Collections.sort(expected);
			Collections.sort(delivered);
			assertEquals(expected, delivered, context + ": every printed line once, in its run's sink");
		} finally {
			controller.removeListener(listener);
		}
	}

	/**
	 * A real child program printing numbered lines, read on the source's own thread (as a client library calls back
	 * on its threads) and passed on through the output channel, a metric point per line.
	 */
	private static final class ProgramSource implements DataSource {
		private final String tag;
		private final java.util.concurrent.ConcurrentLinkedQueue<MetricPoint> points = new java.util.concurrent.ConcurrentLinkedQueue<>();
		private Process process;
		private Thread reader;

		ProgramSource(String tag) {
			this.tag = tag;
		}

		@Override
		public void open(SourceEvents events) throws java.io.IOException {
			String script = "i=0; while [ $i -lt 100000 ]; do echo \"" + tag + " tick $i\"; i=$((i+1)); done";
			process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
			reader = new Thread(() -> {
				try (java.io.BufferedReader in = process.inputReader()) {
					long n = 0;
					for (String line = in.readLine(); line != null; line = in.readLine()) {
						events.output(line, false, false);
						points.add(new MetricPoint("tick", "step", n, n));
						n++;
					}
				} catch (java.io.IOException e) {
					// the program was ended by close(): what was read has been passed on
				}
			}, "stress program reader " + tag);
			reader.start();
		}

		@Override
		public RawBatch next(long sequence, BooleanSupplier cancelled) {
			List<MetricPoint> batch = new ArrayList<>();
			for (MetricPoint p = points.poll(); p != null; p = points.poll()) {
				batch.add(p);
			}
			if (batch.isEmpty() && !process.isAlive() && !reader.isAlive()) {
				return null;
			}
			if (batch.isEmpty()) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
			}
			return RawBatch.ofMetrics(sequence, batch);
		}

		@Override
		public void close() {
			process.destroyForcibly();
			try {
				process.waitFor(5, TimeUnit.SECONDS);
				reader.join(5_000);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public RawBatch remaining(long sequence) {
			List<MetricPoint> batch = new ArrayList<>(points);
			points.clear();
			return batch.isEmpty() ? null : RawBatch.ofMetrics(sequence, batch);
		}

		@Override
		public String name() {
			return "Program " + tag;
		}

		@Override
		public double sampleRateHz() {
			return Double.NaN;
		}
	}

	/** The program is stopped after a while: its lines arrive as an unbroken prefix, each with its metric point. */
	private static void oneProgramRun(RunController controller, OutputCapture capture, String tag, Random random,
			RunSink sink, AtomicReference<RunSummary> summary, String context) throws Exception {
		RunModel model = controller.start(new ProgramSource(tag), sink);
		pause(random.nextInt(100));
		assertTrue(controller.stop(10_000), context + ": stopped");
		assertTrue(capture.awaitDelivered(10_000), context + ": output delivered");
		assertTrue(summary.get() != null, context + ": summary published");
		assertEquals(0, model.lost(), context + ": lost");
		List<String> lines = sink.lines();
		for (int i = 0; i < lines.size(); i++) {
			assertEquals("out " + tag + " tick " + i, lines.get(i), context + ": line " + i);
		}
		MetricSeries ticks = model.metricSeries("tick");
		long points = ticks == null ? 0 : ticks.appendedCount();
		assertEquals(lines.size(), points, context + ": a metric point per line");
	}

	/** Waits for the run to end by itself (or by a cancelled job), then for its end to be announced. */
	private static void awaitIdle(RunController controller, CountDownLatch idle, String context)
			throws InterruptedException {
		assertTrue(idle.await(20, TimeUnit.SECONDS), context + ": ended by itself");
		assertTrue(controller.stop(10_000), context + ": idle"); // returns at once: the run has ended
	}

	private static void pause(long millis) {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
	}

	private static void assertEverySampleOnceInOrder(RunModel model, String context) {
		SeriesBuffer series = model.series();
		SeriesBuffer.Decimation all = series.all();
		assertEquals(Math.min(model.stored(), series.capacity()), all.points(), context + ": samples kept");
		long first = model.stored() - all.points();
		for (int k = 0; k < all.points(); k++) {
			if (all.values()[k] != first + k) {
				throw new AssertionError(context + ": sample " + (first + k) + " is " + all.values()[k]);
			}
		}
	}

	private static void assertEveryMetricPointStored(RunModel model, StressSource source, String context) {
		Map<String, Long> expected = new HashMap<>();
		for (long b = 0; b < model.batches(); b++) {
			expected.merge(source.metricOfBatch.get(b), 1L, Long::sum);
		}
		Map<String, Long> stored = new HashMap<>();
		for (String name : model.metricNames()) {
			stored.put(name, model.metricSeries(name).appendedCount());
		}
		assertEquals(expected, stored, context + ": metric points per name");
	}

	/** What a frame and a CSV export read, from another thread while the run writes. */
	private static void readAsTheChartDoes(RunModel model) {
		if (model == null) {
			return;
		}
		SeriesBuffer series = model.series();
		if (series.size() > 0) {
			series.decimate(series.firstTime(), series.lastTime(), 500);
		}
		for (String name : model.metricNames()) {
			MetricSeries metric = model.metricSeries(name);
			for (SeriesBuffer segment : metric.segments()) {
				segment.all();
			}
			model.metric(name).all();
			model.metricAxis(name).length();
		}
		model.latest();
		model.progress();
		model.queueDepth();
	}

	private static void assertNothingOfChirpsLeft() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		List<String> left;
		do {
			left = new ArrayList<>();
			for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
				Thread t = e.getKey();
				if (t == Thread.currentThread()) {
					continue;
				}
				boolean chirps = t.getName().startsWith("Chirp") || t.getName().startsWith("stress");
				for (StackTraceElement frame : e.getValue()) {
					chirps |= frame.getClassName().startsWith("io.chirp.");
				}
				if (chirps && t.isAlive()) {
					left.add(t.getName());
				}
			}
			left.addAll(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
					.map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
			if (left.isEmpty()) {
				return;
			}
			Thread.sleep(50); // polling for threads to finish ending; the assertion below has the final say
		} while (System.nanoTime() < deadline);
		assertEquals(List.of(), left, "threads and processes of Chirp's left");
	}

	private static long usedHeapAfterGc(MemoryMXBean memory) {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}
}
