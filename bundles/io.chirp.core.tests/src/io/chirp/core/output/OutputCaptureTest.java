package io.chirp.core.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

	/** Collects delivered lines; {@link #awaitLines} waits for the delivery thread. */
	private static final class Collector implements OutputSink {
		final List<String> out = new ArrayList<>();
		final List<String> err = new ArrayList<>();

		@Override
		public synchronized void line(String line, boolean stderr) {
			(stderr ? err : out).add(line);
			notifyAll();
		}

		synchronized void awaitLines(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (out.size() + err.size() < count && System.nanoTime() < deadline) {
				wait(100);
			}
		}
	}

	private PrintStream savedOut;
	private PrintStream savedErr;
	private final ByteArrayOutputStream originalOutBytes = new ByteArrayOutputStream();
	private final ByteArrayOutputStream originalErrBytes = new ByteArrayOutputStream();
	private PrintStream originalOut;
	private PrintStream originalErr;

	@BeforeEach
	void useRecordingOriginals() {
		savedOut = System.out;
		savedErr = System.err;
		originalOut = new PrintStream(originalOutBytes, true, StandardCharsets.UTF_8);
		originalErr = new PrintStream(originalErrBytes, true, StandardCharsets.UTF_8);
		System.setOut(originalOut);
		System.setErr(originalErr);
	}

	@AfterEach
	void restoreTestStreams() {
		System.setOut(savedOut);
		System.setErr(savedErr);
	}

	/** Takes lines in batches, as the consoles do; records how many calls it took. */
	private static final class BatchCollector implements OutputSink {
		final List<String> out = new ArrayList<>();
		int calls;

		@Override
		public void line(String line, boolean stderr) {
			lines(List.of(line), stderr);
		}

		@Override
		public synchronized void lines(List<String> lines, boolean stderr) {
			assertFalse(stderr, "only System.out was printed to");
			out.addAll(lines);
			if (calls++ == 0) {
				try {
					Thread.sleep(100); // a slow first append: lines pile up behind it, as behind a busy console
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}

		synchronized List<String> snapshot() {
			return new ArrayList<>(out);
		}
	}

	@Test
	void aBatchTakingSinkGetsEveryLineOnceInEachThreadsOrderInFewerCalls() throws Exception {
		BatchCollector sink = new BatchCollector();
		int threads = 4;
		int perThread = 20_000;
		try (OutputCapture capture = OutputCapture.install()) {
			List<Thread> printers = new ArrayList<>();
			for (int k = 0; k < threads; k++) {
				int id = k;
				printers.add(new Thread(() -> {
					try (OutputCapture.Binding b = capture.bind(sink)) {
						for (int i = 0; i < perThread; i++) {
							System.out.println("t" + id + " " + i);
						}
					}
				}));
			}
			printers.forEach(Thread::start);
			for (Thread t : printers) {
				t.join();
			}
			assertTrue(capture.awaitDelivered(10_000));
			assertEquals(0, capture.droppedLines());
		}
		List<String> lines = sink.snapshot();
		assertEquals(threads * perThread, lines.size());
		int[] next = new int[threads];
		for (String line : lines) {
			String[] parts = line.split(" ");
			int id = Integer.parseInt(parts[0].substring(1));
			assertEquals(next[id]++, Integer.parseInt(parts[1]), "order of thread " + id);
		}
		assertTrue(sink.calls < lines.size(), "lines were handed over in batches: " + sink.calls + " calls");
	}

	/** The Jobs pool's worker threads alive now (they are created lazily and end after a minute idle). */
	private static long jobWorkerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
				.filter(t -> t.getClass().getName().equals("org.eclipse.core.internal.jobs.Worker")).count();
	}

	@Test
	void aJobWorkerCreatedByABoundThreadDoesNotInheritItsBinding() throws Exception {
		Collector sink = new Collector();
		// one more job than there are workers: the pool must create workers on the scheduling (bound) thread
		int jobs = (int) jobWorkerThreads() + 2;
		CountDownLatch print = new CountDownLatch(1);
		List<Job> scheduled = new ArrayList<>();
		try (OutputCapture capture = OutputCapture.install()) {
			Thread scheduler = new Thread(() -> {
				try (OutputCapture.Binding b = capture.bind(sink)) {
					for (int i = 0; i < jobs; i++) {
						int id = i;
						CountDownLatch running = new CountDownLatch(1);
						Job job = Job.create("unrelated " + id, monitor -> {
							running.countDown();
							try {
								print.await();
							} catch (InterruptedException e) {
								Thread.currentThread().interrupt();
							}
							System.out.println("unrelated job " + id);
						});
						job.setSystem(true);
						scheduled.add(job);
						job.schedule();
						// scheduled one at a time, each waiting until running: no worker is asleep, so the next
						// schedule() creates a worker, on this thread
						running.await();
					}
					System.out.println("the bound thread itself");
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}, "bound scheduler");
			scheduler.start();
			scheduler.join(10_000);
			print.countDown();
			for (Job job : scheduled) {
				job.join(10_000, null);
			}
			assertTrue(capture.awaitDelivered(10_000));
		}
		assertEquals(List.of("the bound thread itself"), sink.out, "only the bound thread's line reaches the sink");
		String unbound = originalOutBytes.toString(StandardCharsets.UTF_8);
		for (int i = 0; i < jobs; i++) {
			assertTrue(unbound.contains("unrelated job " + i + "\n"), "job " + i + " printed to the terminal: " + unbound);
		}
	}

	@Test
	void aPlainThreadStartedByABoundThreadInheritsItsBinding() throws Exception {
		Collector sink = new Collector();
		try (OutputCapture capture = OutputCapture.install()) {
			Thread parent = new Thread(() -> {
				try (OutputCapture.Binding b = capture.bind(sink)) {
					Thread child = new Thread(() -> System.out.println("from the child"));
					child.start();
					child.join();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
			parent.start();
			parent.join(10_000);
			assertTrue(capture.awaitDelivered(10_000));
		}
		assertEquals(List.of("from the child"), sink.out);
	}

	@Test
	void anErrorThrownByASinkIsReportedAndDeliveryGoesOn() throws Exception {
		Collector good = new Collector();
		OutputSink broken = (line, stderr) -> {
			throw new StackOverflowError("a sink that breaks");
		};
		try (OutputCapture capture = OutputCapture.install()) {
			Thread first = new Thread(() -> {
				try (OutputCapture.Binding b = capture.bind(broken)) {
					System.out.println("to the broken sink");
				}
			});
			first.start();
			first.join();
			assertTrue(capture.awaitDelivered(5_000), "the broken sink's line was handed over");
			Thread second = new Thread(() -> {
				try (OutputCapture.Binding b = capture.bind(good)) {
					for (int i = 0; i < 100; i++) {
						System.out.println("line " + i);
					}
				}
			});
			long started = System.nanoTime();
			second.start();
			second.join();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			good.awaitLines(100);
			// before: the Error ended the one delivery thread; every later print waited 250 ms and was dropped
			assertEquals(100, good.out.size(), "delivery goes on after a sink threw an Error");
			assertTrue(millis < 2_000, "printing was not held up: " + millis + " ms");
			assertEquals(0, capture.droppedLines());
		}
		assertTrue(originalErrBytes.toString(StandardCharsets.UTF_8).contains("Chirp: an output sink failed: java.lang.StackOverflowError"),
				originalErrBytes.toString(StandardCharsets.UTF_8));
	}

	@Test
	void closeRestoresTheOriginalStreamsExactly() {
		OutputCapture capture = OutputCapture.install();
		assertFalse(System.out == originalOut, "System.out replaced while open");
		capture.close();
		assertSame(originalOut, System.out);
		assertSame(originalErr, System.err);
	}

	@Test
	void boundThreadsReachTheirSinkAndOthersTheOriginals() throws Exception {
		Collector sink = new Collector();
		try (OutputCapture capture = OutputCapture.install()) {
			Thread job = new Thread(() -> {
				try (OutputCapture.Binding b = capture.bind(sink)) {
					System.out.println("from the job: h\u00e9llo \u2713");
					System.err.println("job warning");
					Thread child = new Thread(() -> System.out.println("from a thread the job started"));
					child.start();
					try {
						child.join();
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
					System.out.print("partial last line");
				}
			});
			job.start();
			job.join();
			System.out.println("from the test thread");
			sink.awaitLines(4);
		}
		assertEquals(List.of("from the job: h\u00e9llo \u2713", "from a thread the job started", "partial last line"),
				sink.out);
		assertEquals(List.of("job warning"), sink.err);
		assertEquals("from the test thread" + System.lineSeparator(), originalOutBytes.toString(StandardCharsets.UTF_8));
		assertEquals("", originalErrBytes.toString(StandardCharsets.UTF_8));
	}

	@Test
	void eightThreadsPrintingConcurrentlyLoseNoLineAndInterleaveNone() throws Exception {
		Collector sink = new Collector();
		int threads = 8;
		int linesEach = 20_000;
		Pattern wellFormed = Pattern.compile("T(\\d) L(\\d+) x{40} end");
		try (OutputCapture capture = OutputCapture.install()) {
			List<Thread> printers = new ArrayList<>();
			CountDownLatch go = new CountDownLatch(1);
			for (int t = 0; t < threads; t++) {
				int id = t;
				printers.add(new Thread(() -> {
					try (OutputCapture.Binding b = capture.bind(sink)) {
						go.await();
						for (int l = 0; l < linesEach; l++) {
							// a line in pieces: other threads print between them
							System.out.print("T" + id);
							System.out.print(" L" + l + " ");
							System.out.println("x".repeat(40) + " end");
						}
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}));
			}
			printers.forEach(Thread::start);
			go.countDown();
			for (Thread p : printers) {
				p.join();
			}
			sink.awaitLines(threads * linesEach);
			assertEquals(0, capture.droppedLines());
		}
		assertEquals(threads * linesEach, sink.out.size());
		int[] next = new int[threads];
		for (String line : sink.out) {
			var m = wellFormed.matcher(line);
			assertTrue(m.matches(), "mangled line: " + line);
			int t = Integer.parseInt(m.group(1));
			assertEquals(next[t]++, Integer.parseInt(m.group(2)), "line order of thread " + t);
		}
		for (int t = 0; t < threads; t++) {
			assertEquals(linesEach, next[t]);
		}
	}

	@Test
	void aLineLongerThanTheLimitIsSplitWithAMarkerAndNoCharacterCut() throws Exception {
		Collector sink = new Collector();
		String longLine = "\u00e9".repeat(100); // 200 bytes of two-byte characters
		try (OutputCapture capture = new OutputCapture(63, 1 << 20)) {
			try (OutputCapture.Binding b = capture.bind(sink)) {
				System.out.println(longLine);
			}
			sink.awaitLines(4);
		}
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < sink.out.size(); i++) {
			String piece = sink.out.get(i);
			boolean last = i == sink.out.size() - 1;
			assertEquals(!last, piece.endsWith(OutputCapture.SPLIT_MARKER), "marker on piece " + i);
			assertTrue(piece.getBytes(StandardCharsets.UTF_8).length <= 63 + 3 + OutputCapture.SPLIT_MARKER.length() * 3);
			joined.append(last ? piece : piece.substring(0, piece.length() - OutputCapture.SPLIT_MARKER.length()));
		}
		assertTrue(sink.out.size() >= 4, "split into pieces: " + sink.out.size());
		assertEquals(longLine, joined.toString());
	}

	@Test
	void aStalledSinkNeverBlocksThePrinterAndDropsAreCountedAndReported() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Collector collected = new Collector();
		OutputSink stalled = (line, stderr) -> {
			try {
				release.await();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			collected.line(line, stderr);
		};
		int printed = 60;
		long dropped;
		long maxWait = 50;
		try (OutputCapture capture = new OutputCapture(1024, 16 * 1024, maxWait)) {
			long started = System.nanoTime();
			try (OutputCapture.Binding b = capture.bind(stalled)) {
				for (int i = 0; i < printed; i++) {
					System.out.println("line " + i + " " + "y".repeat(500));
				}
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			// each dropped line waited at most maxWait
			assertTrue(millis < printed * (maxWait + 20), "printing took " + millis + " ms");
			dropped = capture.droppedLines();
			assertTrue(dropped > 0, "a stalled sink with a 16 kB buffer must drop some of 30 kB");
			release.countDown();
			collected.awaitLines((int) (printed - dropped) + 1);
		}
		assertEquals(printed - dropped, collected.out.size(), "every line not dropped arrived");
		assertEquals(List.of("[Chirp: " + dropped + " lines dropped: the output sink did not keep up]"), collected.err);
	}
}
