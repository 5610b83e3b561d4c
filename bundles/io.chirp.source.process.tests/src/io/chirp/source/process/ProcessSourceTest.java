package io.chirp.source.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunSummary;

/** Real child processes (/bin/sh scripts) run through the whole pipeline. */
class ProcessSourceTest {

	private OutputCapture capture;
	private RunController controller;
	private final List<String> out = new CopyOnWriteArrayList<>();
	private final List<String> err = new CopyOnWriteArrayList<>();
	private final List<String> workerMessages = new CopyOnWriteArrayList<>();
	private final List<String> workbenchMessages = new CopyOnWriteArrayList<>();
	private final AtomicReference<RunSummary> summary = new AtomicReference<>();
	private final CountDownLatch ended = new CountDownLatch(1);

	@BeforeEach
	void setUp() {
		capture = OutputCapture.install();
		controller = new RunController(1000, 16, capture);
		controller.addListener(new RunListener() {
			@Override
			public void message(Source source, String text) {
				(source == Source.WORKER ? workerMessages : workbenchMessages).add(text);
			}

			@Override
			public void runEnded(RunSummary s) {
				summary.set(s);
				ended.countDown();
			}
		});
	}

	@AfterEach
	void noRunNoCaptureNoOrphan() throws InterruptedException {
		controller.stopForShutdown(5_000, 2_000);
		capture.close();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
				.map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(), "orphans");
	}

	private ProcessSource sh(String script, long graceMillis) {
		return new ProcessSource(new ProcessSource.Spec(List.of("/bin/sh", "-c", script), Path.of("."), Map.of(), graceMillis));
	}

	private RunSummary runToEnd(ProcessSource source) throws InterruptedException {
		controller.start(source, (line, stderr) -> (stderr ? err : out).add(line));
		assertTrue(ended.await(20, TimeUnit.SECONDS), "run ended by itself");
		assertTrue(capture.awaitDelivered(5_000), "output delivered");
		return summary.get();
	}

	private static void waitFor(java.util.function.BooleanSupplier condition, long seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	@Test
	void aProgramsOutputAndMetricsArriveAndItsExitCodeIsReported() throws InterruptedException {
		RunSummary s = runToEnd(sh("""
				echo 'step=1 loss=0.9 acc=0.1'
				echo 'loading data...'
				echo 'step=2 loss=0.7 acc=0.3'
				echo 'note: lr=0.001'
				echo '{"step": 3, "loss": 0.5, "acc": 0.6}'
				echo 'epoch 1: val_loss=0.55'
				echo 'warning: lr is high' >&2
				exit 0
				""", 1_000));
		assertEquals(IStatus.OK, s.status().getSeverity(), s.status().getMessage());
		assertEquals(List.of("step=1 loss=0.9 acc=0.1", "loading data...", "step=2 loss=0.7 acc=0.3", "note: lr=0.001",
				"{\"step\": 3, \"loss\": 0.5, \"acc\": 0.6}", "epoch 1: val_loss=0.55"), out);
		assertEquals(List.of("warning: lr is high"), err);
		RunModel model = controller.model();
		assertEquals(List.of("loss", "acc", "lr", "val_loss"), model.metricNames());
		// a line without a step belongs to the last step named (in the same stream: stdout and stderr are read
		// by two threads, so their relative order is not defined)
		assertEquals("step", model.metricAxis("lr"));
		assertEquals(2.0, model.metric("lr").lastTime());
		SeriesBuffer.Decimation loss = model.metric("loss").decimate(0, 10, 100);
		assertEquals(3, loss.points());
		assertEquals(List.of(1.0, 2.0, 3.0), List.of(loss.times()[0], loss.times()[1], loss.times()[2]));
		assertEquals(List.of(0.9, 0.7, 0.5), List.of(loss.values()[0], loss.values()[1], loss.values()[2]));
		assertEquals(8, s.metricPoints());
		assertTrue(workerMessages.stream().anyMatch(m -> m.startsWith("[sh 1] step 1: loss=0.9 acc=0.1")), workerMessages.toString());
		assertTrue(workerMessages.stream().anyMatch(m -> m.contains("exited with code 0")), workerMessages.toString());
	}

	@Test
	void aNonZeroExitCodeEndsTheRunWithAnError() throws InterruptedException {
		RunSummary s = runToEnd(sh("echo 'step=1 loss=1'; exit 3", 1_000));
		assertEquals(IStatus.ERROR, s.status().getSeverity());
		assertEquals("The data source sh failed: sh exited with code 3", s.status().getMessage());
		assertTrue(workbenchMessages.stream().anyMatch(m -> m.contains("exited with code 3")), workbenchMessages.toString());
		assertEquals(1, s.metricPoints());
	}

	@Test
	void aProgramThatCannotStartGivesTheReason() throws InterruptedException {
		RunSummary s = runToEnd(new ProcessSource(new ProcessSource.Spec(List.of("/no/such/program", "--x"), Path.of("."),
				Map.of(), 1_000)));
		assertEquals(IStatus.ERROR, s.status().getSeverity());
		assertTrue(s.status().getMessage().contains("Cannot start /no/such/program --x in ."), s.status().getMessage());
		assertTrue(s.status().getMessage().contains("No such file or directory"), s.status().getMessage());
	}

	@Test
	void invalidSpecsAreRefusedWithTheReason() {
		assertEquals("The working directory /no/such/dir does not exist or is not a folder.",
				assertThrows(IllegalArgumentException.class,
						() -> new ProcessSource.Spec(List.of("ls"), Path.of("/no/such/dir"), Map.of(), 1_000)).getMessage());
		assertEquals("graceMillis = -1 is invalid: allowed range [0, 600000]", assertThrows(IllegalArgumentException.class,
				() -> new ProcessSource.Spec(List.of("ls"), Path.of("."), Map.of(), -1)).getMessage());
	}

	@Test
	void stopKillsAProgramThatIgnoresTheTerminateSignalAndItsChildren() throws InterruptedException {
		long grace = 500;
		ProcessSource source = sh("trap '' TERM; echo ready; while true; do sleep 0.05; done", grace);
		controller.start(source, (line, stderr) -> out.add(line));
		waitFor(() -> out.contains("ready"), 10);
		assertTrue(out.contains("ready"));
		Process process = source.process();
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.add(process.toHandle());
		long started = System.nanoTime();
		assertTrue(controller.stop(5_000));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertTrue(millis < grace + 1_000, "stopped in " + millis + " ms with a " + grace + " ms grace period");
		assertTrue(millis >= grace - 50, "waited for the grace period: " + millis + " ms");
		assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive), "process tree gone");
		assertEquals(IStatus.CANCEL, summary.get().status().getSeverity());
		assertTrue(workerMessages.stream().anyMatch(m -> m.contains("killed by Stop after the 0.5 s grace period")),
				workerMessages.toString());
	}

	@Test
	void shutdownKillsAStubbornProgramWithoutWaitingForTheWholeGracePeriod() throws InterruptedException {
		ProcessSource source = sh("trap '' TERM; echo ready; sleep 777", 3_000);
		controller.start(source, (line, stderr) -> out.add(line));
		waitFor(() -> out.contains("ready"), 10);
		List<ProcessHandle> tree = new ArrayList<>(source.process().descendants().toList());
		tree.add(source.process().toHandle());
		long started = System.nanoTime();
		assertTrue(controller.stopForShutdown(300, 1_000), "run ended");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertTrue(millis < 1_300, "shutdown took " + millis + " ms");
		waitFor(() -> tree.stream().noneMatch(ProcessHandle::isAlive), 2);
		assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive), "process tree gone");
	}

	@Test
	void stopEndsAProgramThatHonoursTheTerminateSignalAtOnce() throws InterruptedException {
		ProcessSource source = sh("trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.05; done", 5_000);
		controller.start(source, (line, stderr) -> out.add(line));
		waitFor(() -> out.contains("ready"), 10);
		long started = System.nanoTime();
		assertTrue(controller.stop(5_000));
		assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "no need to wait for the grace period");
		assertFalse(source.process().isAlive());
		assertTrue(workerMessages.stream().anyMatch(m -> m.contains("ended by Stop (terminate signal): exit code 0")),
				workerMessages.toString());
	}

	@Test
	void theMetricsAProgramPrintsWhileStopEndsItAreStored() throws InterruptedException {
		// a training script that reports its last evaluation when interrupted: the line is read during close()
		ProcessSource source = sh("trap 'echo \"step=7 val_loss=0.25\"; exit 0' TERM; echo \"step=1 loss=0.5\";"
				+ " while true; do sleep 0.05; done", 5_000);
		RunModel model = controller.start(source, (line, stderr) -> out.add(line));
		waitFor(() -> model.metricNames().contains("loss"), 10);
		assertTrue(controller.stop(5_000));
		assertTrue(out.contains("step=7 val_loss=0.25"), "shown in the Output console: " + out);
		assertEquals(List.of("loss", "val_loss"), model.metricNames(), "the line shown after Stop is in the chart too");
		assertEquals(0.25, model.metric("val_loss").all().values()[0]);
		assertEquals(2, summary.get().metricPoints());
	}

	@Test
	void nonUtf8BytesAndHugeLinesDoNotBreakTheRun() throws InterruptedException {
		RunSummary s = runToEnd(sh("printf 'step=1 loss=0.5 \\377\\376 end\\n'; head -c 3000000 /dev/zero | tr '\\0' x; echo;"
				+ " echo 'step=2 loss=0.25'", 1_000));
		assertEquals(IStatus.OK, s.status().getSeverity(), s.status().getMessage());
		assertNotNull(controller.model().metric("loss"));
		assertEquals(2, controller.model().metric("loss").size());
		assertTrue(out.get(0).contains("\uFFFD"), "bad bytes shown as replacement characters: " + out.get(0));
		long xs = out.stream().filter(l -> l.startsWith("xxxx")).count();
		assertTrue(xs >= 3, "a 3 MB line arrives in pieces, got " + xs);
		assertEquals("step=2 loss=0.25", out.get(out.size() - 1));
	}

	private static long pidAfter(String prefix, List<String> lines) {
		return lines.stream().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim()))
				.findFirst().orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in " + lines));
	}

	@Test
	void aProgramThatExitsWhileAChildKeepsItsOutputOpenEndsItsRunAndLeavesNoProcess() throws InterruptedException {
		long started = System.nanoTime();
		RunSummary s = runToEnd(sh("sleep 1000 & echo \"child $!\"; echo started; exit 0", 1_000));
		assertEquals(IStatus.OK, s.status().getSeverity(), s.status().getMessage());
		assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "the run ended when the program exited");
		long child = pidAfter("child", out);
		waitFor(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), 3);
		assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the background child was ended");
		assertTrue(workerMessages.stream().anyMatch(m -> m.contains("leaving 1 process running: ended with the run")),
				workerMessages.toString());
	}

	@Test
	void stopEndsTheWholeProcessGroupEvenAChildWhoseParentHasExited() throws InterruptedException {
		// the subshell exits at once: its sleep is nobody's descendant any more, only the group still holds it
		ProcessSource source = sh("(sleep 777 & echo \"child $!\"); echo ready; while true; do sleep 0.05; done", 500);
		controller.start(source, (line, stderr) -> out.add(line));
		waitFor(() -> out.contains("ready"), 10);
		long child = pidAfter("child", out);
		assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
		assertTrue(source.process().descendants().noneMatch(p -> p.pid() == child), "not a descendant");
		assertTrue(controller.stop(5_000));
		waitFor(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true), 3);
		assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the group's last member was ended");
	}

	@Test
	void aLineTheParserCannotUseDoesNotStopTheReading() throws InterruptedException {
		// {"tag": ""} once killed the reader thread; the program then blocked on its full pipe and the run hung
		RunSummary s = runToEnd(sh("echo '{\"tag\": \"\", \"loss\": 0.5}'; i=0; while [ $i -lt 3000 ]; do"
				+ " echo \"step=$i loss=0.25 padding-to-fill-the-pipe-quickly-padding-to-fill-the-pipe-quickly\"; i=$((i+1)); done", 1_000));
		assertEquals(IStatus.OK, s.status().getSeverity(), s.status().getMessage());
		assertEquals(3001, s.metricPoints());
		assertEquals(3001, out.size());
	}

	@Test
	void aRedrawnBarReachesTheSinkInPlaceAndIsTheWorkersProgress() throws InterruptedException {
		List<String> redraws = new CopyOnWriteArrayList<>();
		CountDownLatch ended = new CountDownLatch(1);
		controller.addListener(new RunListener() {
			@Override
			public void runEnded(RunSummary summary) {
				ended.countDown();
			}
		});
		controller.start(sh("printf '\\rEpoch 1:  20%%|##        | 2/10 [00:01<00:04, 2.00it/s, loss=0.9]' >&2;"
				+ " printf '\\rEpoch 1:  50%%|#####     | 5/10 [00:02<00:02, 2.00it/s, loss=0.5]' >&2; sleep 1;"
				+ " printf '\\rEpoch 1: 100%%|##########| 10/10 [00:05<00:00, 2.00it/s, loss=0.2]\\n' >&2", 1_000), new OutputSink() {
					@Override
					public void line(String line, boolean stderr) {
						(stderr ? err : out).add(line);
					}

					@Override
					public void redraw(String line, boolean stderr) {
						redraws.add(line);
					}
				});
		waitFor(() -> controller.model().progress() != null && controller.model().progress().n() == 5, 5);
		assertEquals("Epoch 1: 5/10, 2.00 it/s, ETA 0:02", controller.model().progress().describe());
		assertTrue(ended.await(10, TimeUnit.SECONDS));
		assertEquals(List.of("Epoch 1:  20%|##        | 2/10 [00:01<00:04, 2.00it/s, loss=0.9]",
				"Epoch 1:  50%|#####     | 5/10 [00:02<00:02, 2.00it/s, loss=0.5]"), redraws);
		assertEquals(List.of("Epoch 1: 100%|##########| 10/10 [00:05<00:00, 2.00it/s, loss=0.2]"), err, "one line for the bar");
		assertEquals(List.of(2.0, 5.0, 10.0), List.of(controller.model().metric("loss").firstTime(), 5.0,
				controller.model().metric("loss").lastTime()));
		assertEquals(3, controller.model().metric("loss").size());
		assertEquals(null, controller.model().progress(), "no bar once the run has ended");
	}

	@Test
	void theWorkersProgressIsDeterminateWhileABarIsDrawnAndIndeterminateBetweenBars() throws InterruptedException {
		List<String> calls = new CopyOnWriteArrayList<>();
		org.eclipse.core.runtime.jobs.Job.getJobManager().setProgressProvider(new org.eclipse.core.runtime.jobs.ProgressProvider() {
			@Override
			public org.eclipse.core.runtime.IProgressMonitor createMonitor(org.eclipse.core.runtime.jobs.Job job) {
				if (!job.getName().startsWith("Chirp worker")) {
					return new org.eclipse.core.runtime.NullProgressMonitor();
				}
				// the calls the Progress view gets, in order
				return new org.eclipse.core.runtime.NullProgressMonitor() {
					@Override
					public void beginTask(String name, int totalWork) {
						calls.add("begin " + name + " / " + totalWork);
					}

					@Override
					public void worked(int work) {
						calls.add("worked " + work);
					}

					@Override
					public void setTaskName(String name) {
						calls.add("task " + name);
					}
				};
			}
		});
		try {
			StringBuilder script = new StringBuilder();
			for (int epoch = 1; epoch <= 2; epoch++) {
				for (int n = 0; n <= 4; n++) {
					script.append(String.format(java.util.Locale.ROOT,
							"printf '\\rEpoch %d: %3d%%%%|%-4s| %d/4 [00:0%d<00:0%d, 1.00it/s, loss=0.%d]' >&2; sleep 0.25; ",
							epoch, n * 25, "#".repeat(n), n, n, 4 - n, 9 - n - epoch));
				}
				script.append("printf '\\n' >&2; echo 'val_loss=0.5'; sleep 0.5; ");
			}
			RunSummary s = runToEnd(sh(script.toString(), 1_000));
			assertEquals(IStatus.OK, s.status().getSeverity(), s.status().getMessage());
		} finally {
			org.eclipse.core.runtime.jobs.Job.getJobManager().setProgressProvider(null);
		}
		int first = indexOf(calls, c -> c.startsWith("begin Epoch 1: ") && c.endsWith(" / 1000"));
		int second = indexOf(calls, c -> c.startsWith("begin Epoch 2: ") && c.endsWith(" / 1000"));
		assertTrue(first > 0 && second > first, "a determinate task per bar: " + calls);
		assertEquals("begin Producing sh / -1", calls.get(0), "indeterminate before the first bar");
		int between = indexOf(calls, c -> c.equals("begin Producing sh / -1"), first);
		assertTrue(between > first && between < second, "indeterminate between the bars: " + calls);
		int worked = calls.subList(first, between).stream().filter(c -> c.startsWith("worked ")).mapToInt(
				c -> Integer.parseInt(c.substring(7))).sum();
		assertTrue(worked >= 500 && worked <= 1000, "the bar's share done shown as work: " + worked + " in " + calls);
		assertTrue(calls.stream().anyMatch(c -> c.matches("task Epoch 1: [1-3]/4, 1.00 it/s, ETA 0:0[1-3]")), calls.toString());
	}

	private static int indexOf(List<String> calls, java.util.function.Predicate<String> wanted) {
		return indexOf(calls, wanted, 0);
	}

	private static int indexOf(List<String> calls, java.util.function.Predicate<String> wanted, int from) {
		for (int i = from; i < calls.size(); i++) {
			if (wanted.test(calls.get(i))) {
				return i;
			}
		}
		return -1;
	}
}
