package io.chirp.core.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chirp.core.model.MetricSeries;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunSpec;
import io.chirp.core.run.RunStatus;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;

/** Runs recorded as they stream, listed again, read again: the values are the ones streamed. */
class RunStoreTest {

	@TempDir
	Path runsFolder;

	private final RunController controller = new RunController(1 << 20, 16, null);
	private final List<String> messages = new CopyOnWriteArrayList<>();

	{
		controller.addListener(new RunListener() {
			@Override
			public void message(Source source, String text) {
				messages.add(text);
			}
		});
	}

	@AfterEach
	void stopAll() throws InterruptedException {
		assertTrue(controller.stop(5_000));
	}

	/**
	 * {@code batches} batches of 100 evenly spaced samples (sine values) and two metrics per batch, one with an odd
	 * name; then, with {@code untilStopped}, waits for Stop.
	 */
	private static DataSource training(int batches, boolean untilStopped) {
		return new DataSource() {
			@Override
			public String name() {
				return "train.py";
			}

			@Override
			public double sampleRateHz() {
				return 1000;
			}

			@Override
			public Integer exitCode() {
				return 0;
			}

			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				if (sequence >= batches) {
					while (untilStopped && !cancelled.getAsBoolean()) {
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
					}
					return null;
				}
				double[] t = new double[100];
				double[] v = new double[100];
				for (int i = 0; i < 100; i++) {
					t[i] = (sequence * 100 + i) / 1000.0;
					v[i] = Math.sin(t[i] * 7);
				}
				return new RawBatch(sequence, sequence * 100, t, v, System.nanoTime(),
						List.of(new MetricPoint("loss", "step", sequence, 2.0 / (sequence + 1)),
								new MetricPoint("val, \"odd\" naïve", "epoch", sequence, sequence * 0.5)));
			}
		};
	}

	private Run recordOne(int batches) throws InterruptedException {
		controller.setStore(new RunStore(runsFolder));
		Run run = controller.startRun(training(batches, false), r -> null,
				new RunSpec(null, "io.chirp.source.process", "Program", Map.of("command", "python3 train.py")));
		assertTrue(controller.join(run, 10_000), "it ends by itself");
		return run;
	}

	@Test
	void anEndedRunIsLetGoOnlyOnceItsRecordingIsWhole() throws Exception {
		controller.setStore(new RunStore(runsFolder));
		List<Boolean> keptAtItsEnd = new java.util.concurrent.CopyOnWriteArrayList<>();
		Run run = controller.startRun(training(50, true), r -> null, RunSpec.of("Program"));
		// told when its status turns to ended, before the recording has its last data: the Runs view lets go of an
		// ended run it does not show, and reading it back then gave a run without its last points (the source
		// waits after its 50 batches, so the listener is in place before the run can end)
		run.onChange(r -> {
			if (!r.status().isLive() && keptAtItsEnd.isEmpty()) {
				r.unload();
				keptAtItsEnd.add(r.isLoaded());
			}
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (run.model().received() < 5000 && System.nanoTime() < deadline) {
			Thread.onSpinWait(); // a state, not a sleep: every batch stored
		}
		assertEquals(5000, run.model().received(), "its 50 batches stored");
		assertTrue(controller.stop(run, 5_000), "stopped");
		assertEquals(List.of(true), keptAtItsEnd, "its data stays in memory until the recording is closed");
		run.unload();
		assertTrue(!run.isLoaded(), "then it may be let go");
		assertEquals(5000, run.load().series().size(), "and reads back whole");
		assertEquals(100, run.metricPoints());
	}

	@Test
	void aRecordedRunIsListedFromItsMetadataAndReadsBackAsStreamed() throws Exception {
		Run live = recordOne(50);
		assertEquals(RunStatus.FINISHED, live.status());
		RunModel streamed = live.model();

		live.unload();
		assertTrue(!live.isLoaded(), "an ended recorded run lets its data go");
		assertEquals(100, live.metricPoints(), "its figures stay for the Runs view");
		assertEquals(5000, live.load().series().size(), "and reads it again from its folder");

		List<Run> listed = new RunStore(runsFolder).list();
		assertEquals(1, listed.size());
		Run again = listed.get(0);
		assertEquals(live.name(), again.name());
		assertEquals("train.py 1", again.name());
		assertEquals(RunStatus.FINISHED, again.status());
		assertEquals(Integer.valueOf(0), again.exitCode());
		assertEquals("python3 train.py", again.spec().parameters().get("command"));
		assertEquals(live.startEpochMillis(), again.startEpochMillis());
		assertEquals(live.endEpochMillis(), again.endEpochMillis());
		assertEquals(100, again.metricPoints(), "from the metadata, before loading");
		assertEquals(2.0 / 50, again.lastValues().get("loss"), 1e-12);
		assertTrue(!again.isLoaded(), "listing reads no data");

		RunModel read = again.load();
		assertEquals(streamed.metricNames(), read.metricNames());
		for (String metric : streamed.metricNames()) {
			assertEquals(streamed.metricAxis(metric), read.metricAxis(metric));
			assertSeriesEqual(streamed.metricSeries(metric), read.metricSeries(metric), 0);
		}
		SeriesBuffer.Decimation signal = read.series().all();
		SeriesBuffer.Decimation original = streamed.series().all();
		assertEquals(5000, signal.points());
		assertArrayEquals(original.times(), signal.times(), 1e-9);
		assertArrayEquals(original.values(), signal.values(), 1e-6, "float32 on disk");
		assertTrue(Files.readString(live.folder().resolve(RunFiles.METRICS)).contains("\"val, \"\"odd\"\" naïve\",epoch,"));
	}

	@Test
	void csvExportWritesEveryPointOfTheRecording() throws Exception {
		Run run = recordOne(50);
		java.io.StringWriter out = new java.io.StringWriter();
		assertEquals("recording", RunExport.writeRows(run, "", out));
		List<String> rows = out.toString().lines().toList();
		assertEquals(5000 + 100, rows.size(), "every sample and every metric point");
		assertEquals("signal,0.0,0.0", rows.get(0));
		assertEquals("signal,0.001," + (float) Math.sin(0.007), rows.get(1));
		assertTrue(rows.contains("loss,49,0.04"), "the last loss");
		assertTrue(rows.contains("\"val, \"\"odd\"\" naïve\",3,1.5"), "a name with a comma and quotes, quoted");

		controller.setStore(null);
		Run unrecorded = controller.startRun(training(3, false), r -> null, RunSpec.of("Program"));
		assertTrue(controller.join(unrecorded, 5_000));
		java.io.StringWriter memory = new java.io.StringWriter();
		assertEquals("memory", RunExport.writeRows(unrecorded, "b: ", memory));
		assertEquals(300 + 6, memory.toString().lines().count());
		assertTrue(memory.toString().startsWith("b: signal,0.0,0.0\n"), memory.toString().substring(0, 40));
	}

	private static void assertSeriesEqual(MetricSeries expected, MetricSeries actual, double delta) {
		List<SeriesBuffer> e = expected.segments();
		List<SeriesBuffer> a = actual.segments();
		assertEquals(e.size(), a.size());
		for (int i = 0; i < e.size(); i++) {
			assertArrayEquals(e.get(i).all().times(), a.get(i).all().times(), delta);
			assertArrayEquals(e.get(i).all().values(), a.get(i).all().values(), delta);
		}
	}

	@Test
	void aRunKilledWhileRecordingIsInterruptedWithEverythingUpToTheLastFlush() throws Exception {
		controller.setStore(new RunStore(runsFolder));
		Run run = controller.startRun(training(20, true), r -> null, RunSpec.of("Program"));
		// what is on disk once it had time to be flushed: a copy of the folder now is what kill -9 would leave
		awaitFile(run.folder().resolve(RunFiles.METRICS), 40);
		Thread.sleep(2 * RunRecorder.METADATA_MILLIS); // the once-a-second metadata: let it be written twice
		Path elsewhere = Files.createDirectories(runsFolder.resolveSibling("killed-" + System.nanoTime()));
		Path copy = elsewhere.resolve(run.folder().getFileName());
		Files.createDirectories(copy);
		try (Stream<Path> files = Files.list(run.folder())) {
			for (Path f : files.toList()) {
				Files.copy(f, copy.resolve(f.getFileName()));
			}
		}
		// and a line cut in half at the end, as a kill in the middle of a write leaves it
		Files.writeString(copy.resolve(RunFiles.METRICS), "loss,step,99,0.", StandardCharsets.UTF_8,
				java.nio.file.StandardOpenOption.APPEND);

		Run interrupted = new RunStore(elsewhere).list().get(0);
		assertEquals(RunStatus.INTERRUPTED, interrupted.status(), "recorded as running, and nobody writes it");
		RunModel read = interrupted.load();
		assertEquals(20, read.metricSeries("loss").appendedCount(), "every point flushed, the half line left out");
		assertEquals(2000, read.series().size());
		assertEquals(RunStatus.RUNNING, new RunStore(runsFolder).list().get(0).status(), "the live one is locked");
	}

	private static void awaitFile(Path file, int lines) throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < end) {
			if (Files.exists(file) && Files.readAllLines(file).size() > lines) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError(file + " never had " + lines + " lines");
	}

	@Test
	void damagedRunsAreListedAsDamagedWithTheReasonAndTheOthersLoad() throws Exception {
		Run good = recordOne(5);
		Path missing = Files.createDirectories(runsFolder.resolve("no-metadata"));
		Path garbage = Files.createDirectories(runsFolder.resolve("garbage"));
		Files.writeString(garbage.resolve(RunFiles.METADATA), "{\"format\": 1, \"name\": ");
		Path newer = Files.createDirectories(runsFolder.resolve("newer"));
		Files.writeString(newer.resolve(RunFiles.METADATA), "{\"format\": 7, \"name\": \"from the future\"}");
		Path notObject = Files.createDirectories(runsFolder.resolve("array"));
		Files.writeString(notObject.resolve(RunFiles.METADATA), "[1, 2]");
		Path badCsv = copyOf(good.folder(), "bad-csv");
		Files.writeString(badCsv.resolve(RunFiles.METRICS), "not,the,header\n1,2,3\n");
		Path cutSignal = copyOf(good.folder(), "cut-signal");
		byte[] signal = Files.readAllBytes(cutSignal.resolve(RunFiles.SIGNAL));
		Files.write(cutSignal.resolve(RunFiles.SIGNAL), java.util.Arrays.copyOf(signal, signal.length - 7));

		List<Run> runs = new RunStore(runsFolder).list();
		assertEquals(7, runs.size());
		Map<String, Run> byId = new java.util.HashMap<>();
		runs.forEach(r -> byId.put(r.id(), r));
		assertEquals(RunStatus.DAMAGED, byId.get("no-metadata").status());
		assertTrue(byId.get("no-metadata").problem().contains("no run.json"), byId.get("no-metadata").problem());
		assertEquals(RunStatus.DAMAGED, byId.get("garbage").status());
		assertTrue(byId.get("garbage").problem().contains("damaged"), byId.get("garbage").problem());
		assertEquals(RunStatus.DAMAGED, byId.get("newer").status());
		assertTrue(byId.get("newer").problem().contains("newer Chirp (format 7"), byId.get("newer").problem());
		assertEquals(RunStatus.DAMAGED, byId.get("array").status());
		assertThrows(IOException.class, () -> byId.get("newer").load(), "a damaged run has no data to show");

		Run csv = byId.get("bad-csv");
		IOException e = assertThrows(IOException.class, csv::load);
		assertTrue(e.getMessage().contains("metrics.csv does not start with"), e.getMessage());
		assertEquals(RunStatus.DAMAGED, csv.status(), "found damaged when read");

		RunModel cut = byId.get("cut-signal").load();
		assertEquals(400, cut.series().size(), "the last block, cut short, is left out; the four before are read");
		assertEquals(5, byId.get(good.id()).load().metricSeries("loss").appendedCount());
	}

	private Path copyOf(Path folder, String name) throws IOException {
		Path copy = Files.createDirectories(runsFolder.resolve(name));
		try (Stream<Path> files = Files.list(folder)) {
			for (Path f : files.toList()) {
				Files.copy(f, copy.resolve(f.getFileName()));
			}
		}
		return copy;
	}

	@Test
	void whenTheDiskFailsTheRunGoesOnInMemoryAndSaysWhy() throws Exception {
		controller.setStore(new RunStore(runsFolder));
		Run run = controller.startRun(training(2000, true), r -> null, RunSpec.of("Program"));
		// the metadata is replaced through run.json.tmp: a folder in its way makes the next write fail, as a full
		// disk or a folder gone read-only would
		Files.createDirectories(run.folder().resolve(RunFiles.METADATA + ".tmp"));
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (run.recordingProblem() == null && System.nanoTime() < end) {
			Thread.sleep(20);
		}
		assertNotNull(run.recordingProblem(), "the run says that recording stopped");
		assertTrue(run.recordingProblem().startsWith("Recording stopped: writing run.json"), run.recordingProblem());
		assertTrue(messages.stream().anyMatch(m -> m.startsWith("Recording stopped")), messages.toString());
		assertEquals(RunStatus.RUNNING, run.status(), "the run goes on");
		assertTrue(controller.stop(run, 5_000));
		assertEquals(RunStatus.STOPPED, run.status());
		assertEquals(0, run.model().lost());
		assertEquals(200_000, run.model().received(), "in memory, nothing is missing");
	}

	@Test
	void aSignalFasterThanTheRecordingsBudgetIsRecordedInPartAndTheRestCounted() throws Exception {
		RunStore store = new RunStore(runsFolder);
		Path folder = store.newFolder("fast", System.currentTimeMillis());
		Run run = new Run("fast", "fast", RunSpec.of("Chirp"), new RunModel(1 << 10), 0, folder);
		List<String> problems = new CopyOnWriteArrayList<>();
		RunRecorder recorder = store.record(run, () -> new RunFiles.Figures(0, 0, 0, Map.of()), problems::add);
		double[] t = new double[10_000];
		double[] v = new double[10_000];
		for (int i = 0; i < t.length; i++) {
			t[i] = i * 1e-6;
			v[i] = Math.sin(i * 0.01);
		}
		// 40 million samples, 160 MB of float32, handed over far faster than the 32 MB/s the recording takes
		// (at that pace they would need 5 s)
		int batches = 4_000;
		for (int b = 0; b < batches; b++) {
			recorder.record(new RawBatch(b, (long) b * t.length, t, v, System.nanoTime()), 0);
		}
		long produced = (long) batches * t.length;
		long dropped = recorder.dropped();
		assertTrue(dropped > 0, "left out beyond the budget");
		assertTrue(recorder.droppedText().contains(String.format(java.util.Locale.ROOT, "%,d samples", dropped)),
				recorder.droppedText());
		recorder.close(5_000);
		assertEquals(List.of(), problems, "leaving out is not a failure");

		SeriesBuffer onDisk = new SeriesBuffer(1 << 10);
		long read = SignalBlocks.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(folder.resolve(RunFiles.SIGNAL))),
				onDisk);
		assertEquals(produced, read + dropped, "every sample is either on disk or counted");
		assertTrue(read >= RunRecorder.MAX_PENDING_SIGNAL_BYTES / 4 / 2, "at least a flush's worth was kept: " + read);
		assertEquals(v[v.length - 1], onDisk.all().values()[onDisk.all().points() - 1], 1e-6, "whole batches, intact");
	}

	@Test
	void anUnwritableRunsFolderLeavesTheRunUnrecordedAndRunning() throws Exception {
		Path file = Files.writeString(runsFolder.resolve("not-a-folder"), "x");
		controller.setStore(new RunStore(file));
		Run run = controller.startRun(training(10, false), r -> null, RunSpec.of("Program"));
		assertTrue(controller.join(run, 5_000));
		assertNull(run.folder());
		assertTrue(run.recordingProblem().startsWith("Not recorded"), run.recordingProblem());
		assertEquals(RunStatus.FINISHED, run.status());
		assertEquals(1000, run.model().received());
	}

	@Test
	void twoStoresOnOneFolderNeverShareARunFolderAndALiveRunCannotBeDeleted() throws Exception {
		RunStore one = new RunStore(runsFolder);
		RunStore other = new RunStore(runsFolder);
		List<Path> made = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			made.add(one.newFolder("same name", 1_000_000));
			made.add(other.newFolder("same name", 1_000_000));
		}
		assertEquals(10, made.stream().distinct().count());

		controller.setStore(one);
		Run run = controller.startRun(training(1, true), r -> null, RunSpec.of("Program"));
		awaitFile(run.folder().resolve(RunFiles.METADATA), 3);
		IOException refused = assertThrows(IOException.class, () -> other.delete(run));
		assertTrue(refused.getMessage().contains("being recorded"), refused.getMessage());
		assertTrue(controller.stop(run, 5_000));
		other.delete(run);
		assertTrue(!Files.exists(run.folder()));
	}
}
