package io.chirp.core.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.chirp.core.ChirpParameters;
import io.chirp.core.ChirpSource;
import io.chirp.core.OutputCapture;
import io.chirp.core.OutputSink;
import io.chirp.core.RunController;
import io.chirp.core.RunModel;
import io.chirp.core.SeriesBuffer;

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

	public static void main(String[] args) throws InterruptedException {
		int repetitions = 5;
		System.out.printf(Locale.ROOT, "Pipeline benchmark: %d cores, Java %s (%s)%n%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				System.getProperty("java.vm.name"));
		System.out.println("| figure | min | median | max | unit | notes |");
		System.out.println("|---|---|---|---|---|---|");

		// throughput: unpaced chirp, 10,000-sample batches, 2 s per repetition after a warm-up
		RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
		ChirpParameters unpaced = new ChirpParameters(0.5, 0.2, 1.0, 1_000_000.0, 10_000, 0);
		measureThroughput(controller, unpaced, 1_000); // warm-up
		double[] rates = new double[repetitions];
		long lost = 0;
		for (int r = 0; r < repetitions; r++) {
			RunModel model = measureThroughput(controller, unpaced, 2_000);
			rates[r] = model.received() / 2.0;
			lost += model.lost();
		}
		row("pipeline throughput", rates, 1e6, "M samples/s", "lost = " + lost + " over " + repetitions + " runs");

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

	private static RunModel measureThroughput(RunController controller, ChirpParameters parameters, long millis)
			throws InterruptedException {
		RunModel model = controller.start(new ChirpSource(parameters), DISCARD);
		TimeUnit.MILLISECONDS.sleep(millis);
		controller.stop(5_000);
		return model;
	}

	private static void row(String figure, double[] values, double scale, String unit, String notes) {
		double[] v = values.clone();
		Arrays.sort(v);
		System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s |%n", figure, v[0] / scale,
				v[v.length / 2] / scale, v[v.length - 1] / scale, unit, notes);
	}
}
