package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chirp.core.source.MetricPoint;

/**
 * The output of real training libraries, as committed under {@code fixtures/} (made once by
 * {@code fixtures/make-fixtures.sh} from scikit-learn, XGBoost, PyTorch with tqdm and without; Keras, LightGBM and Hugging Face
 * from their documented formats), read the way Chirp reads a program: metric names, axes, x positions and values.
 */
class FixtureLogsTest {

	/** What a fixture gave: points per metric in order, and the reader with its counts. */
	private record Read(Map<String, List<MetricPoint>> metrics, MetricReader reader, List<String> problems) {

		List<Double> xs(String metric) {
			return metrics.get(metric).stream().map(MetricPoint::x).toList();
		}

		List<Double> values(String metric) {
			return metrics.get(metric).stream().map(MetricPoint::value).toList();
		}

		String axis(String metric) {
			return metrics.get(metric).get(0).axis();
		}
	}

	private static Read read(String fixture) throws IOException {
		Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		try (Reader in = LogReading.utf8(Files.newInputStream(Path.of("fixtures", fixture)))) {
			MetricReader reader = LogReading.read(in, (reading, line) -> {
				reading.points().forEach(p -> metrics.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p));
				reading.malformed().forEach(m -> problems.add("line " + line + ": malformed " + m));
				problems.addAll(reading.problems());
				problems.addAll(reading.notes());
			});
			return new Read(metrics, reader, problems);
		}
	}

	@Test
	void tqdmAtItsDefaultIntervalGivesEachStepsLossAtItsOwnStep() throws IOException {
		// the bar's count moves every 0.1 s (16 steps here), the postfix every step: each redraw with a new loss at
		// an unmoved count is the next step
		Read r = read("tqdm_default_interval.log");
		assertEachLossAtItsStep(r, 200);
		assertEquals(List.of(), r.problems(), "no step went back");
	}

	@Test
	void nestedTqdmBarsClearedWhenDoneGoOnWhereTheInnerBarGotTo() throws IOException {
		// leave=False: the inner bar is erased at its end and never shows 40/40; the next epoch's bar goes on from
		// the step the last one reached
		Read r = read("tqdm_nested.log");
		assertEachLossAtItsStep(r, 200);
		assertEquals(List.of(39.0, 79.0, 119.0, 159.0, 199.0), r.xs("val_loss"),
				"tqdm.write's lines name their epoch: at the step the epoch reached, on the loss's axis");
		assertEquals("step", r.axis("val_loss"));
		assertEquals(List.of(), r.problems(), "no step went back");
	}

	@Test
	void tqdmWithTheLossInItsDescriptionGivesEachStepsLoss() throws IOException {
		// bar.set_description(f"Epoch {epoch} loss: {loss:.5f}"): the description's values are metrics too, its
		// "Epoch 1" no step (the bar's count is)
		Read r = read("tqdm_description.log");
		assertEquals(List.of("loss"), List.copyOf(r.metrics().keySet()));
		assertEquals("step", r.axis("loss"));
		assertEachLossAtItsStep(r, 200);
		assertEquals(List.of(), r.problems());
	}

	/** Each loss (2 exp(-k/60) at step k, the fixtures' scripts) at its count when drawn: the loss of step 1 at 0. */
	private static void assertEachLossAtItsStep(Read r, int steps) {
		List<Double> xs = r.xs("loss");
		List<Double> values = r.values("loss");
		assertEquals(steps, xs.size(), "every step's loss");
		for (int i = 0; i < xs.size(); i++) {
			double step = -60 * Math.log(values.get(i) / 2);
			assertEquals(step - 1, xs.get(i), 0.5, "point " + i + ": x " + xs.get(i) + " for the loss of step " + step);
		}
	}

	@Test
	void scikitLearnMlpLossPerIteration() throws IOException {
		Read r = read("sklearn_mlp.log");
		assertEquals(List.of("loss"), List.copyOf(r.metrics().keySet()));
		assertEquals("iteration", r.axis("loss"));
		assertEquals(15, r.xs("loss").size());
		assertEquals(1.0, r.xs("loss").get(0));
		assertEquals(15.0, r.xs("loss").get(14));
		assertEquals(2.36261369, r.values("loss").get(0));
		assertEquals(0.94291198, r.values("loss").get(13));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void scikitLearnMlpWithEarlyStoppingHasItsValidationScoreAtEachIteration() throws IOException {
		Read r = read("sklearn_mlp_early_stopping.log");
		assertEquals(List.of("loss", "Validation score"), List.copyOf(r.metrics().keySet()));
		assertEquals("iteration", r.axis("Validation score"));
		assertEquals(15, r.xs("Validation score").size());
		assertEquals(1.0, r.xs("Validation score").get(0));
		assertEquals(0.155556, r.values("Validation score").get(0));
		assertEquals(0.888889, r.values("Validation score").get(14));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void scikitLearnSgdLossPerEpoch() throws IOException {
		Read r = read("sklearn_sgd.log");
		assertEquals(List.of("Norm", "NNZs", "Bias", "loss"), List.copyOf(r.metrics().keySet()));
		assertEquals("epoch", r.axis("loss"), "the '-- Epoch N' line names the epoch of the next line");
		assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), r.xs("loss"));
		assertEquals(List.of(140.668215, 39.537914, 1.582529, 0.0, 0.0), r.values("loss"));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void xgboostFourMetricsPerRound() throws IOException {
		Read r = read("xgboost_train.log");
		assertEquals(List.of("train-logloss", "train-error", "eval-logloss", "eval-error"), List.copyOf(r.metrics().keySet()));
		for (String metric : r.metrics().keySet()) {
			assertEquals("round", r.axis(metric));
			assertEquals(20, r.xs(metric).size(), metric);
			assertEquals(0.0, r.xs(metric).get(0));
			assertEquals(19.0, r.xs(metric).get(19));
		}
		assertEquals(0.46640, r.values("train-logloss").get(0));
		assertEquals(0.06993, r.values("eval-error").get(0));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void pytorchLoopWithATqdmBarPerEpoch() throws IOException {
		Read r = read("torch_tqdm.log");
		assertEquals(List.of("loss", "val_loss"), List.copyOf(r.metrics().keySet()));
		assertEquals("step", r.axis("loss"));
		List<Double> xs = r.xs("loss");
		assertEquals(0.0, xs.get(0), "the first postfix comes with the bar at 0/57");
		assertEquals(8.423, r.values("loss").get(0));
		assertEquals(170.0, xs.get(xs.size() - 1), "three bars of 57 counted on (the loss of batch k shows at k - 1)");
		assertTrue(xs.contains(57.0) && xs.contains(58.0) && xs.contains(114.0) && xs.contains(115.0), xs.toString());
		assertTrue(r.values("loss").get(r.values("loss").size() - 1) < 0.1, "the loss fell");
		for (int i = 1; i < xs.size(); i++) {
			assertTrue(xs.get(i) > xs.get(i - 1), "one point per step, no staircase: the redraw with the previous step's"
					+ " postfix is no measurement; " + xs.get(i - 1) + " then " + xs.get(i));
		}
		assertTrue(xs.size() >= 150, "a point for nearly every one of the 171 steps (a loss equal to the step"
				+ " before's, at 3 decimals, is not told apart): " + xs.size());
		// "epoch 1: val_loss=..." after each bar: at the step reached, on the loss's axis (its chart's)
		assertEquals("step", r.axis("val_loss"));
		assertEquals(List.of(56.0, 113.0, 170.0), r.xs("val_loss"), "beside the epoch's last loss");
		assertEquals(3, r.reader().barsSeen());
		assertEquals(List.of(), r.problems());
	}

	@Test
	void pytorchCifarTutorialsRunningLossCountsOnAcrossEpochs() throws IOException {
		Read r = read("torch_cifar_tutorial.log");
		assertEquals(List.of("loss"), List.copyOf(r.metrics().keySet()), "the test accuracy's sentence is output");
		assertEquals("step", r.axis("loss"));
		// [1, 2000] ... [1, 12000], then epoch 2 counts on from 12,000 (its true start, 12,500, is never printed)
		assertEquals(List.of(2000.0, 4000.0, 6000.0, 8000.0, 10000.0, 12000.0, 14000.0, 16000.0, 18000.0, 20000.0,
				22000.0, 24000.0), r.xs("loss"));
		assertEquals(2.066, r.values("loss").get(0));
		assertEquals(1.001, r.values("loss").get(11));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void nanoGptsEvaluationsAndIterationLines() throws IOException {
		Read r = read("torch_nanogpt_style.log");
		assertEquals(List.of("train loss", "val loss", "loss", "mfu"), List.copyOf(r.metrics().keySet()));
		assertEquals(List.of(0.0, 100.0, 200.0, 300.0), r.xs("val loss"));
		assertEquals(4.3491, r.values("val loss").get(0));
		assertEquals(2.8531, r.values("val loss").get(3));
		assertEquals(31, r.xs("loss").size(), "iterations 0, 10, ... 300");
		assertEquals(290.0, r.xs("loss").get(29));
		assertEquals(2.3452, r.values("loss").get(29));
		assertEquals(-100.0, r.values("mfu").get(0), "nanoGPT's running estimate before it has one");
		assertEquals(List.of(), r.problems(), "the time with its unit is left out, not malformed");
	}

	@Test
	void keras2ProgressLinesAndEpochSummaries() throws IOException {
		Read r = read("keras2.log");
		assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(r.metrics().keySet()));
		assertEquals("step", r.axis("loss"));
		assertEquals(List.of(1.0, 26.0, 57.0, 58.0, 83.0, 114.0, 115.0, 140.0, 171.0), r.xs("loss"));
		assertEquals(List.of(57.0, 114.0, 171.0), r.xs("val_loss"), "the summary of each epoch");
		assertEquals(3, r.reader().barsSeen());
		assertEquals(List.of(), r.problems());
	}

	@Test
	void keras3ProgressLinesWithColours() throws IOException {
		Read r = read("keras3.log");
		assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), List.copyOf(r.metrics().keySet()));
		assertEquals(List.of(1.0, 26.0, 57.0, 58.0, 83.0, 114.0, 115.0, 140.0, 171.0), r.xs("loss"));
		assertEquals(List.of(57.0, 114.0, 171.0), r.xs("val_accuracy"));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void lightGbmRoundsAndItsInfoLinesAsOutput() throws IOException {
		Read r = read("lightgbm.log");
		assertEquals(List.of("training/binary_logloss", "valid_1/binary_logloss"), List.copyOf(r.metrics().keySet()));
		assertEquals("round", r.axis("valid_1/binary_logloss"));
		assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0), r.xs("valid_1/binary_logloss"),
				"the best iteration repeated after early stopping is not a new point");
		assertEquals(0.491238, r.values("training/binary_logloss").get(0));
		assertEquals(List.of(), r.problems());
	}

	@Test
	void huggingFaceTrainerLogDictsAtTheirEpoch() throws IOException {
		Read r = read("hf_trainer.log");
		assertEquals(List.of("loss", "grad_norm", "learning_rate", "eval_loss", "eval_runtime", "eval_samples_per_second",
				"eval_steps_per_second", "train_runtime", "train_samples_per_second", "train_steps_per_second", "train_loss"),
				List.copyOf(r.metrics().keySet()));
		assertEquals("epoch", r.axis("loss"));
		assertEquals(List.of(0.5, 1.0, 1.5, 2.0), r.xs("loss"));
		assertEquals(List.of(0.5016, 0.3594, 0.2575, 0.1845), r.values("loss"));
		assertEquals(List.of(3.7500000000000003e-05, 2.5e-05, 1.25e-05, 0.0), r.values("learning_rate"));
		assertEquals(List.of(1.0, 2.0), r.xs("eval_loss"));
		assertEquals(List.of(0.4312), r.values("train_loss"));
		assertEquals(1, r.reader().barsSeen(), "one bar, redrawn around the printed dicts");
		assertEquals(List.of(), r.problems());
	}
}
