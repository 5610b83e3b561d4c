package io.chirp.source.chirp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.chirp.core.model.RunModel;
import io.chirp.core.record.RunFiles;
import io.chirp.core.record.RunStore;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.run.RunController;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.text.LogReading;
import io.chirp.core.text.MetricLineParser;
import io.chirp.core.text.MetricReader;
import io.chirp.core.text.TerminalLines;
import io.chirp.source.chirp.ChirpParameters;
import io.chirp.source.chirp.ChirpSource;


/**
 * Pipeline figures: throughput of source -> worker -> queue -> receiver -> run model, and stop latency. Prints a
 * Markdown table. Run with {@code ./chirp bench}.
 */
public final class PipelineBenchmark {

	/** What the runs print (progress lines) is captured and discarded, so only the tables reach the output. */
	private static final OutputCapture CAPTURE = OutputCapture.install();
	private static final OutputSink DISCARD = (line, stderr) -> {
	};

	private PipelineBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException, IOException {
		int repetitions = 5;
		System.out.printf(Locale.ROOT, "Pipeline benchmark: %d cores, Java %s (%s)%n%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				System.getProperty("java.vm.name"));
		System.out.println("| figure | min | median | max | unit | notes |");
		System.out.println("|---|---|---|---|---|---|");
		// first, on a fresh heap: the pipeline's figures leave a million-sample history and its garbage behind
		recognition(repetitions);

		// throughput: unpaced chirp, 10,000-sample batches, 2 s per repetition after a warm-up
		RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
		ChirpParameters unpaced = new ChirpParameters(0.5, 0.2, 1.0, 1_000_000.0, 10_000, 0);
		measureThroughput(controller, unpaced, 1_000); // warm-up
		// recorded runs (issue #14: at most 10 % slower) alternate with unrecorded ones, so drift in the machine's
		// speed falls on both alike
		Path runs = Files.createTempDirectory("chirp-bench-runs");
		RunStore store = new RunStore(runs);
		double[] rates = new double[repetitions];
		double[] recordedRates = new double[repetitions];
		long lost = 0;
		long recordedLost = 0;
		long recordedSamples = 0;
		long receivedSamples = 0;
		for (int r = 0; r < repetitions; r++) {
			controller.setStore(null);
			RunModel model = measureThroughput(controller, unpaced, 2_000);
			rates[r] = model.received() / 2.0;
			lost += model.lost();
			controller.setStore(store);
			RunModel recorded = measureThroughput(controller, unpaced, 2_000);
			recordedRates[r] = recorded.received() / 2.0;
			recordedLost += recorded.lost();
			receivedSamples += recorded.received();
			recordedSamples += samplesOnDisk(controller.newest().folder());
			deleteTree(controller.newest().folder());
		}
		controller.setStore(null);
		deleteTree(runs);
		row("pipeline throughput", rates, 1e6, "M samples/s", "lost = " + lost + " over " + repetitions + " runs");
		double[] sortedPlain = rates.clone();
		double[] sortedRecorded = recordedRates.clone();
		Arrays.sort(sortedPlain);
		Arrays.sort(sortedRecorded);
		row("pipeline throughput, recorded", recordedRates, 1e6, "M samples/s", String.format(Locale.ROOT,
				"lost = %d; %.1f %% of the unrecorded median; %.1f %% of the samples reached the disk (float32, %.0f MB/s),"
						+ " the rest left out of the recording and counted (the run keeps them all)",
				recordedLost, 100 * sortedRecorded[repetitions / 2] / sortedPlain[repetitions / 2],
				100.0 * recordedSamples / Math.max(1, receivedSamples), 4 * recordedSamples / 2.0 / repetitions / 1e6));

		// stop latency: the default paced chirp, Stop after 100 ms, 100 cycles
		int cycles = 100;
		double[] stops = new double[cycles];
		for (int c = 0; c < cycles; c++) {
			controller.start(new ChirpSource(ChirpParameters.defaults()), DISCARD);
			Thread.sleep(100);
			long t0 = System.nanoTime();
			if (!controller.stop(5_000)) {
				throw new IllegalStateException("stop did not finish within 5 s");
			}
			stops[c] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(stops);
		System.out.printf(Locale.ROOT, "| stop latency (Stop -> both jobs done) | %.2f | %.2f | %.2f | ms | p99 %.2f ms over %d cycles |%n",
				stops[0], stops[cycles / 2], stops[cycles - 1], stops[(int) Math.ceil(cycles * 0.99) - 1], cycles);
	}

	/**
	 * Metric recognition on one thread: every line and bar state of the committed fixture logs (real scikit-learn,
	 * XGBoost and PyTorch+tqdm output, documented Keras, LightGBM and Hugging Face formats), read over and over by
	 * one MetricReader for a second per repetition.
	 */
	private static void recognition(int repetitions) {
		List<TerminalLines.Line> lines = new ArrayList<>();
		try (DirectoryStream<Path> logs = Files.newDirectoryStream(Path.of("../io.chirp.core.tests/fixtures") /* the recognition fixtures live beside core's tests */, "*.log")) {
			for (Path log : logs) {
				try (TerminalLines in = new TerminalLines(LogReading.utf8(Files.newInputStream(log)), TerminalLines.MAX_LINE_CHARS)) {
					for (TerminalLines.Line line = in.next(); line != null; line = in.next()) {
						lines.add(line);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		MetricLineParser parser = new MetricLineParser();
		int bars = 0;
		int json = 0;
		int rounds = 0;
		int text = 0;
		int plain = 0;
		for (TerminalLines.Line line : lines) {
			MetricLineParser.Parsed p = parser.parse(line.text());
			String t = line.text().strip();
			if (p.bar() != null) {
				bars++;
			} else if (t.startsWith("{")) {
				json++;
			} else if ("round".equals(p.stepKey())) {
				rounds++;
			} else if (p.hasMetrics()) {
				text++;
			} else {
				plain++;
			}
		}
		double[] rates = new double[repetitions];
		long points = 0;
		for (int r = -3; r < repetitions; r++) { // r < 0: warm-up (the JIT needs about 3 s to settle)
			MetricReader reader = new MetricReader(MetricPoint.TIME_AXIS);
			long read = 0;
			long started = System.nanoTime();
			long end = started + TimeUnit.SECONDS.toNanos(1);
			while (System.nanoTime() < end) {
				for (TerminalLines.Line line : lines) {
					points += reader.read(line.text(), line.redraw(), 0, read).points().size();
				}
				read += lines.size();
			}
			if (r >= 0) {
				rates[r] = read / ((System.nanoTime() - started) / 1e9);
			}
		}
		row("metric recognition, one thread", rates, 1e6, "M lines/s", String.format(Locale.ROOT,
				"%,d lines and bar states of the fixture logs: %d progress-bar states (tqdm, Keras), %d JSON/dict, %d"
						+ " XGBoost/LightGBM rounds, %d other lines with metrics, %d without (%,d points read)",
				lines.size(), bars, json, rounds, text, plain, points));
	}

	private static RunModel measureThroughput(RunController controller, ChirpParameters parameters, long millis)
			throws InterruptedException {
		RunModel model = controller.start(new ChirpSource(parameters), DISCARD);
		TimeUnit.MILLISECONDS.sleep(millis);
		controller.stop(5_000);
		return model;
	}

	/** Samples in a run's signal file (evenly spaced blocks: 20 bytes of header, 4 per sample). */
	private static long samplesOnDisk(Path folder) throws IOException {
		java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(Files.readAllBytes(folder.resolve(RunFiles.SIGNAL)))
				.order(java.nio.ByteOrder.LITTLE_ENDIAN);
		long samples = 0;
		while (in.remaining() >= 20) {
			int n = in.getInt();
			if (n <= 0 || in.remaining() < 16 + 4L * n) {
				break;
			}
			in.position(in.position() + 16 + 4 * n);
			samples += n;
		}
		return samples;
	}

	private static void deleteTree(Path root) throws IOException {
		try (var files = Files.walk(root)) {
			for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	private static void row(String figure, double[] values, double scale, String unit, String notes) {
		double[] v = values.clone();
		Arrays.sort(v);
		System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s |%n", figure, v[0] / scale,
				v[v.length / 2] / scale, v[v.length - 1] / scale, unit, notes);
	}
}
