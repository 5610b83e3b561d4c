package io.chirp.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.RawBatch;

class RunControllerTest {

	/** Values are the sample indices, so the history shows whether every sample arrived once, in order. */
	private static class CountingSource implements DataSource {
		private final int batchSize;
		private final long failAtSequence;

		CountingSource(int batchSize, long failAtSequence) {
			this.batchSize = batchSize;
			this.failAtSequence = failAtSequence;
		}

		@Override
		public String name() {
			return "Counting";
		}

		@Override
		public double sampleRateHz() {
			return Double.NaN;
		}

		@Override
		public RawBatch next(long sequence, BooleanSupplier cancelled) {
			if (sequence == failAtSequence) {
				throw new IllegalStateException("source broke at batch " + sequence);
			}
			double[] v = new double[batchSize];
			for (int i = 0; i < batchSize; i++) {
				v[i] = sequence * batchSize + i;
			}
			return new RawBatch(sequence, sequence * batchSize, v.clone(), v, System.nanoTime());
		}
	}

	private final RunController controller = new RunController(1 << 20, 16, null);
	private final List<RunSummary> summaries = new CopyOnWriteArrayList<>();

	{
		controller.addListener(new RunListener() {
			@Override
			public void runEnded(RunSummary summary) {
				summaries.add(summary);
			}
		});
	}

	@AfterEach
	void noJobLeftBehind() throws InterruptedException {
		assertTrue(controller.stop(5_000));
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "jobs of the family left");
	}

	/** Counts down when the next run of {@code runs} has ended. */
	private static CountDownLatch endOfNextRun(RunController runs) {
		CountDownLatch ended = new CountDownLatch(1);
		runs.addListener(new RunListener() {
			@Override
			public void stateChanged(RunState state) {
				if (state == RunState.IDLE) {
					ended.countDown(); // after runEnded: the controller takes a new run from now on
				}
			}
		});
		return ended;
	}

	/** Waits on the model's own notification until it stored {@code samples}; a sleep would only guess. */
	private void awaitStored(RunModel model, long samples) throws InterruptedException {
		CountDownLatch enough = new CountDownLatch(1);
		RunListener listener = new RunListener() {
			@Override
			public void batchStored(RunModel stored) {
				if (stored == model && stored.stored() >= samples) {
					enough.countDown();
				}
			}
		};
		controller.addListener(listener);
		try {
			assertTrue(enough.await(20, TimeUnit.SECONDS), "stored " + model.stored() + " of " + samples + " samples");
		} finally {
			controller.removeListener(listener);
		}
	}

	private static void assertEverySampleOnceInOrder(RunModel model) {
		SeriesBuffer series = model.series();
		SeriesBuffer.Decimation all = series.decimate(Double.NEGATIVE_INFINITY, Double.MAX_VALUE, series.capacity());
		assertEquals(series.size(), all.points());
		long expected = model.received() - all.points();
		for (int k = 0; k < all.points(); k++, expected++) {
			assertEquals(expected, (long) all.values()[k], "sample at " + k);
		}
	}

	@Test
	void everySampleArrivesExactlyOnceOverAThousandStartStopCycles() throws InterruptedException {
		for (int cycle = 0; cycle < 1000; cycle++) {
			RunModel model = controller.start(new CountingSource(100, -1));
			if (cycle % 2 == 1) {
				Thread.sleep(1); // let some runs get going, stop others at once
			}
			assertTrue(controller.stop(1_000), "stopped within 1 s in cycle " + cycle);
			assertEquals(RunState.IDLE, controller.state());
			assertEquals(0, model.lost(), "lost in cycle " + cycle);
			assertEquals(model.produced(), model.received(), "produced = received in cycle " + cycle);
			assertEquals(model.received(), model.stored(), "received = stored in cycle " + cycle);
			assertEverySampleOnceInOrder(model);
			assertEquals(0, Job.getJobManager().find(controller.family()).length, "jobs left in cycle " + cycle);
		}
		assertEquals(1000, summaries.size());
		for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
			for (StackTraceElement frame : stack) {
				assertFalse(frame.getClassName().equals(WorkerJob.class.getName())
						|| frame.getClassName().equals(ReceiverJob.class.getName()), "a thread still runs " + frame);
			}
		}
		assertTrue(summaries.stream().allMatch(s -> s.lost() == 0 && s.status().getSeverity() == IStatus.CANCEL));
	}

	@Test
	void stopWakesASourceWaitingInParkNanosAtOnce() throws InterruptedException {
		CountDownLatch waiting = new CountDownLatch(1);
		controller.start(new CountingSource(10, -1) {
			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				waiting.countDown();
				while (!cancelled.getAsBoolean()) {
					LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(30)); // a source waiting for slow data
				}
				return null;
			}
		});
		assertTrue(waiting.await(5, TimeUnit.SECONDS));
		long started = System.nanoTime();
		assertTrue(controller.stop(5_000));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertTrue(millis < 1_000, "stop took " + millis + " ms: the waiting source was not woken");
	}

	@Test
	void batchesMissingFromTheSequenceAreCountedAsLostExactly() throws InterruptedException {
		// a sequence check that let a gap through would still report lost = 0 everywhere else (issue #11, finding 7)
		List<String> receiverMessages = new CopyOnWriteArrayList<>();
		controller.addListener(new RunListener() {
			@Override
			public void message(Source source, String text) {
				if (source == Source.RECEIVER) {
					receiverMessages.add(text);
				}
			}
		});
		CountDownLatch ended = endOfNextRun(controller);
		RunModel model = controller.start(new CountingSource(10, -1) {
			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				if (sequence == 6) {
					return null;
				}
				long label = sequence < 3 ? sequence : sequence + 2; // 0, 1, 2, then 5, 6, 7: batches 3 and 4 never come
				return super.next(label, cancelled);
			}
		});
		assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended by itself");
		assertEquals(60, model.received());
		assertEquals(20, model.lost(), "two batches of 10 missing");
		assertEquals(20, summaries.get(0).lost());
		assertTrue(receiverMessages.contains("[Counting 1] sequence gap: expected 3, got 5"), receiverMessages.toString());
	}

	@Test
	void aFailingSourceEndsTheRunWithAnErrorAndNoHang() throws InterruptedException {
		CountDownLatch ended = endOfNextRun(controller);
		RunModel model = controller.start(new CountingSource(10, 5));
		assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended by itself");
		RunSummary summary = summaries.get(0);
		assertEquals(IStatus.ERROR, summary.status().getSeverity());
		assertTrue(summary.status().getException() instanceof IllegalStateException);
		assertTrue(summary.status().getMessage().contains("source broke at batch 5"), summary.status().getMessage());
		assertEquals(50, model.received(), "the five good batches arrived");
		assertEquals(0, summary.lost());
		assertEverySampleOnceInOrder(model);
		// the controller is usable again
		controller.start(new CountingSource(10, -1));
		assertTrue(controller.stop(1_000));
	}

	@Test
	void aWatchedProgramsFailureIsSaidWithoutAStackTraceOrADialogAChirpFailureWithBoth() throws InterruptedException {
		java.util.Map<String, Object> prompted = new java.util.concurrent.ConcurrentHashMap<>();
		org.eclipse.core.runtime.jobs.IJobChangeListener jobs = new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
			@Override
			public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
				if (event.getJob().belongsTo(controller.family()) && !event.getResult().isOK()) {
					prompted.put(event.getJob().getName(),
							String.valueOf(event.getJob().getProperty(RunController.ERROR_NOT_PROMPTED)));
				}
			}
		};
		Job.getJobManager().addJobChangeListener(jobs);
		try {
			CountDownLatch ended = endOfNextRun(controller);
			controller.start(new CountingSource(10, -1) {
				@Override
				public RawBatch next(long sequence, BooleanSupplier cancelled) {
					if (sequence == 3) {
						throw new io.chirp.core.source.SourceFailedException("train.py exited with code 1");
					}
					return super.next(sequence, cancelled);
				}
			});
			assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended by itself");
			IStatus status = summaries.get(0).status();
			assertEquals(IStatus.ERROR, status.getSeverity());
			assertEquals("The data source Counting failed: train.py exited with code 1", status.getMessage());
			assertEquals(null, status.getException(), "no stack trace: the program failed, not Chirp");
			assertEquals(java.util.Map.of("Chirp worker: Counting 1", "true"), prompted);

			prompted.clear();
			ended = endOfNextRun(controller);
			controller.start(new CountingSource(10, 3));
			assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended by itself");
			assertTrue(summaries.get(1).status().getException() instanceof IllegalStateException);
			assertEquals(java.util.Map.of("Chirp worker: Counting 2", "null"), prompted, "a source's bug is shown at once");
		} finally {
			Job.getJobManager().removeJobChangeListener(jobs);
		}
	}

	@Test
	void whatTheJobsPrintGoesToTheRunsOutputSink() throws InterruptedException {
		java.io.PrintStream before = System.out;
		List<String> lines = new CopyOnWriteArrayList<>();
		try (OutputCapture capture = OutputCapture.install()) {
			RunController capturing = new RunController(1000, 4, capture);
			DataSource printing = new CountingSource(1, -1) {
				@Override
				public RawBatch next(long sequence, BooleanSupplier cancelled) {
					if (sequence == 3) {
						return null; // the source ends by itself
					}
					System.out.println("producing batch " + sequence);
					return super.next(sequence, cancelled);
				}
			};
			CountDownLatch ended = endOfNextRun(capturing);
			capturing.start(printing, (line, stderr) -> lines.add(line));
			assertTrue(ended.await(5, TimeUnit.SECONDS));
			assertTrue(capturing.stop(1_000));
			assertTrue(capture.awaitDelivered(5_000), "output delivered");
		}
		assertEquals(List.of("producing batch 0", "producing batch 1", "producing batch 2"), lines);
		assertTrue(System.out == before, "System.out restored");
	}

	/** Counts up until stopped, a batch every millisecond. */
	private static CountingSource untilStopped() {
		return new CountingSource(50, -1) {
			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
				return cancelled.getAsBoolean() ? null : super.next(sequence, cancelled);
			}
		};
	}

	@Test
	void severalRunsAtOnceEachLoseNothingAndStoppingOneLeavesTheOthersRunning() throws InterruptedException {
		Run first = controller.startRun(untilStopped(), run -> null, RunSpec.of("Counting"));
		Run second = controller.startRun(untilStopped(), run -> null, new RunSpec("lr=1e-3", null, "Counting", null));
		Run third = controller.startRun(untilStopped(), run -> null, RunSpec.of("Counting"));
		assertEquals(List.of(first, second, third), controller.runs());
		assertEquals("lr=1e-3", second.name(), "the name asked for");
		assertEquals("Counting 1", first.name(), "named after the source, numbered");
		assertEquals(2, Job.getJobManager().find(second).length, "each run is a job family of its own");
		awaitStored(second.model(), 500);

		assertTrue(controller.stop(second, 5_000));
		assertEquals(RunStatus.STOPPED, second.status());
		assertEquals(List.of(first, third), controller.runs());
		assertEquals(RunState.RUNNING, controller.state(), "the others still run");
		long firstBefore = first.model().received();
		awaitStored(first.model(), firstBefore + 500); // it goes on growing
		awaitStored(third.model(), third.model().received() + 500);
		assertEquals(0, Job.getJobManager().find(second).length);

		assertTrue(controller.stop(5_000), "Stop All");
		for (Run run : List.of(first, second, third)) {
			assertEquals(RunStatus.STOPPED, run.status(), run.name());
			assertEquals(0, run.model().lost(), run.name());
			assertEquals(run.model().produced(), run.model().received(), run.name());
			assertTrue(run.endEpochMillis() >= run.startEpochMillis(), run.name());
		}
		assertEquals(3, summaries.size());
		assertEquals(RunState.IDLE, controller.state());
	}

	@Test
	void aRunThatHasEndedShowsAnEmptyQueue() throws InterruptedException {
		// the worker hands its batches faster than the receiver stores them: at the last store the queue still held
		// the end-of-data marker, and the status line went on showing "queue 1" (or more) after the run
		for (int attempt = 0; attempt < 20; attempt++) { // the worker ends at its own pace: the race shows in some runs
			Run run = controller.startRun(new CountingSource(10, -1) {
				@Override
				public RawBatch next(long sequence, BooleanSupplier cancelled) {
					return sequence == 200 ? null : super.next(sequence, cancelled);
				}
			}, r -> null, RunSpec.of("Counting"));
			assertTrue(controller.join(run, 5_000));
			assertEquals(2_000, run.model().received());
			assertEquals(0, run.model().queueDepth(), "attempt " + attempt);
		}
	}

	@Test
	void theWorkersEndSaidTwiceQueuesOneMarker() {
		// the worker's finally and its job's done event both say it; a second marker behind the receiver's exit made
		// an ended run show "queue 1" (seen once in twenty attempts of the test above, on a loaded machine)
		Run run = new Run("r", "r", RunSpec.of("Counting"), new RunModel(1000), 0, null);
		Pipeline pipeline = new Pipeline(run, new CountingSource(1, -1), 4, controller, null, r -> null);
		pipeline.workerEnded();
		pipeline.workerEnded();
		assertTrue(pipeline.workerHasEnded());
		assertEquals(0, pipeline.batchesQueued());
		assertEquals(1, pipeline.queue().size(), "one end-of-data marker");
	}

	@Test
	void aRunThatEndsByItselfIsFinishedAndOneThatFailsIsFailedWithTheReason() throws InterruptedException {
		Run ends = controller.startRun(new CountingSource(10, -1) {
			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				return sequence == 3 ? null : super.next(sequence, cancelled);
			}
		}, run -> null, RunSpec.of("Counting"));
		Run fails = controller.startRun(new CountingSource(10, 2), run -> null, RunSpec.of("Counting"));
		assertTrue(controller.join(ends, 5_000) && controller.join(fails, 5_000));
		assertEquals(RunStatus.FINISHED, ends.status());
		assertEquals(30, ends.model().received());
		assertEquals(RunStatus.FAILED, fails.status());
		assertTrue(fails.problem().contains("source broke at batch 2"), fails.problem());
	}

	@Test
	void cancellingOnlyTheReceiverStopsTheWholeRunAndDrainsTheQueue() throws InterruptedException {
		CountDownLatch ended = endOfNextRun(controller);
		CountDownLatch stored = new CountDownLatch(1);
		controller.addListener(new RunListener() {
			@Override
			public void batchStored(RunModel model) {
				stored.countDown();
			}
		});
		RunModel model = controller.start(new CountingSource(100, -1));
		assertTrue(stored.await(5, TimeUnit.SECONDS), "the receiver runs and stores"); // a state, not a sleep
		Job receiver = null;
		for (Job job : Job.getJobManager().find(controller.family())) {
			if (job.getName().startsWith("Chirp receiver")) {
				receiver = job;
			}
		}
		assertNotNull(receiver, "receiver job in the family");
		receiver.cancel(); // what the Progress view's cancel button does
		assertTrue(ended.await(2, TimeUnit.SECONDS), "run ended");
		assertFalse(model.received() == 0);
		assertEquals(model.produced(), model.received());
		assertEquals(0, model.lost());
		assertEverySampleOnceInOrder(model);
	}

	@Test
	void theReceiverCancelledBeforeItRunsEndsTheRunWithNothingLost() throws InterruptedException {
		// cancel in the Progress view right after Start, while both jobs still wait (issue #11, finding 6):
		// cancelling the receiver cancels the worker, and nothing was produced to lose (the worker may also have
		// begun already: the next test)
		CountDownLatch ended = endOfNextRun(controller);
		RunModel model;
		Job.getJobManager().suspend(); // no job starts until resume: the receiver is certainly still waiting
		try {
			model = controller.start(new CountingSource(100, -1));
			for (Job job : Job.getJobManager().find(controller.family())) {
				if (job.getName().startsWith("Chirp receiver")) {
					assertTrue(job.cancel(), "a waiting job is cancelled at once");
				}
			}
		} finally {
			Job.getJobManager().resume();
		}
		assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended");
		assertEquals(0, model.produced(), "the worker, scheduled after the receiver, was cancelled with it");
		assertEquals(0, model.lost());
		assertEquals(IStatus.CANCEL, summaries.get(0).status().getSeverity(), "the run ends as cancelled");
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "no job of the run left");
	}

	@Test
	void theReceiverCancelledWhileItWaitsAfterTheWorkerBeganLosesNothing() throws InterruptedException {
		// the worker may start before a waiting receiver (the stress test found a run that lost 768 samples so):
		// the receiver is held asleep while the worker produces, then cancelled as the Progress view does
		CountDownLatch ended = endOfNextRun(controller);
		RunModel model;
		Job receiver = null;
		Job.getJobManager().suspend(); // nothing starts until the receiver is asleep
		try {
			model = controller.start(new CountingSource(100, -1));
			for (Job job : Job.getJobManager().find(controller.family())) {
				if (job.getName().startsWith("Chirp receiver")) {
					receiver = job;
				}
			}
			assertNotNull(receiver, "receiver job in the family");
			assertTrue(receiver.sleep(), "the waiting receiver is put to sleep");
		} finally {
			Job.getJobManager().resume();
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (model.produced() == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait(); // a state, not a sleep: the worker fills the queue
		}
		assertTrue(model.produced() > 0, "the worker produced while the receiver waited");
		assertTrue(receiver.cancel(), "a sleeping job is cancelled at once");
		assertTrue(ended.await(5, TimeUnit.SECONDS), "run ended");
		assertEquals(model.produced(), model.received(), "what was produced arrived");
		assertEquals(0, model.lost());
		assertEverySampleOnceInOrder(model);
		assertEquals(IStatus.CANCEL, summaries.get(0).status().getSeverity(), "the run ends as cancelled");
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "no job of the run left");
	}

	@Test
	void listenersAreCalledWithoutTheControllersMonitor() throws InterruptedException {
		// a listener that waits for a thread asking the controller's state, as one waiting for the UI thread would
		// (every @CanExecute asks it): before, start, stop and the run's end called listeners holding the monitor
		// (issue #11, finding 2)
		List<String> blocked = new CopyOnWriteArrayList<>();
		AtomicInteger asked = new AtomicInteger();
		controller.addListener(new RunListener() {
			@Override
			public void stateChanged(RunState state) {
				askFromAnotherThread("stateChanged " + state);
			}

			@Override
			public void message(Source source, String text) {
				if (source == Source.CONTROLLER) {
					askFromAnotherThread("message " + text);
				}
			}

			@Override
			public void runEnded(RunSummary summary) {
				askFromAnotherThread("runEnded");
			}

			private void askFromAnotherThread(String during) {
				Thread asking = new Thread(controller::state);
				asking.start();
				try {
					asking.join(2_000);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				asked.incrementAndGet();
				if (asking.isAlive()) {
					blocked.add(during);
				}
			}
		});
		CountDownLatch ended = endOfNextRun(controller);
		controller.start(new CountingSource(10, 3));
		assertTrue(ended.await(20, TimeUnit.SECONDS), "run ended");
		assertTrue(asked.get() >= 5, "the listener was asked " + asked.get() + " times");
		assertEquals(List.of(), blocked, "calls made while the controller's monitor was held");
	}

	/** Records the priority of the threads its worker ({@code next}) and receiver ({@code recycle}) run on. */
	private static final class PriorityRecordingSource extends CountingSource {
		private final boolean selfPaced;
		final CountDownLatch recycled = new CountDownLatch(3);
		volatile int workerPriority;
		volatile int receiverPriority;

		PriorityRecordingSource(boolean selfPaced) {
			super(10, -1);
			this.selfPaced = selfPaced;
		}

		@Override
		public boolean selfPaced() {
			return selfPaced;
		}

		@Override
		public RawBatch next(long sequence, BooleanSupplier cancelled) {
			workerPriority = Thread.currentThread().getPriority();
			LockSupport.parkNanos(1_000_000);
			return super.next(sequence, cancelled);
		}

		@Override
		public void recycle(RawBatch batch) {
			receiverPriority = Thread.currentThread().getPriority();
			recycled.countDown();
		}
	}

	@Test
	void aSelfPacedSourceWorksAtTheLowestPriorityAndAReaderOneAbove() throws InterruptedException {
		for (boolean selfPaced : new boolean[] { true, false }) {
			PriorityRecordingSource source = new PriorityRecordingSource(selfPaced);
			controller.start(source);
			assertTrue(source.recycled.await(20, TimeUnit.SECONDS), "batches stored");
			assertTrue(controller.stop(5_000));
			int expected = selfPaced ? RunJob.SELF_PACED_PRIORITY : RunJob.KEEPING_UP_PRIORITY;
			assertEquals(expected, source.workerPriority, "worker, self-paced " + selfPaced);
			assertEquals(expected, source.receiverPriority, "receiver, self-paced " + selfPaced);
		}
		assertTrue(RunJob.SELF_PACED_PRIORITY < RunJob.KEEPING_UP_PRIORITY);
		assertTrue(RunJob.KEEPING_UP_PRIORITY < Thread.NORM_PRIORITY);
	}
}
