package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ComparisonTest {

	private static RunModel run(double[] loss, double[] acc) {
		RunModel m = new RunModel(1);
		for (int i = 0; i < loss.length; i++) {
			m.storeMetric("val_loss", "epoch", i, loss[i], i);
		}
		for (int i = 0; i < acc.length; i++) {
			m.storeMetric("val_acc", "epoch", i, acc[i], i);
		}
		return m;
	}

	@Test
	void theBestIsTheMinimumOfALossAndTheMaximumOfTheRest() {
		RunModel a = run(new double[] { 2.0, 0.5, 0.7 }, new double[] { 0.3, 0.9, 0.8 });
		RunModel b = run(new double[] { 1.0, 0.4 }, new double[0]);
		List<Comparison.Row> rows = Comparison.of(List.of(a, b));
		assertEquals(List.of("val_loss", "val_acc"), rows.stream().map(Comparison.Row::metric).toList());
		Comparison.Row loss = rows.get(0);
		assertEquals(Comparison.Goal.LOWER, loss.goal());
		assertEquals(new Comparison.Figures(0.7, 0.5, 3), loss.runs().get(0));
		assertEquals(new Comparison.Figures(0.4, 0.4, 2), loss.runs().get(1));
		Comparison.Row acc = rows.get(1);
		assertEquals(Comparison.Goal.HIGHER, acc.goal());
		assertEquals(new Comparison.Figures(0.8, 0.9, 3), acc.runs().get(0));
		assertTrue(Double.isNaN(acc.runs().get(1).last()), "b has no val_acc");
	}

	@Test
	void aMetricWhoseNameSaysNeitherWayHasALastValueButNoBest() {
		RunModel m = new RunModel(1);
		m.storeMetric("learning_rate", "step", 1, 1e-3, 0);
		m.storeMetric("learning_rate", "step", 2, 5e-4, 0);
		Comparison.Row lr = Comparison.of(List.of(m)).get(0);
		assertEquals(Comparison.Goal.NONE, lr.goal());
		assertEquals(5e-4, lr.runs().get(0).last());
		assertTrue(Double.isNaN(lr.runs().get(0).best()), "the largest learning rate is not the best one");
		assertEquals(2, lr.runs().get(0).points());
	}

	@Test
	void theGoalIsReadFromTheWordsOfTheNamesTrainingLibrariesLog() {
		for (String lower : List.of("loss", "val_loss", "eval-logloss", "train-merror", "train/error", "eval_ppl",
				"val_perplexity", "test-rmse", "valid_mae", "eval_wer", "train-err", "valid_0/l2")) {
			assertEquals(Comparison.Goal.LOWER, Comparison.goalOf(lower), lower);
		}
		for (String higher : List.of("acc", "val_accuracy", "eval/accuracy_top1", "train-auc", "eval-aucpr", "f1",
				"eval_f1", "val/precision", "recall", "eval_bleu", "eval_rougeL", "map@5", "ndcg@10", "val_iou",
				"train_samples_per_second", "eval_steps_per_second", "tokens_per_s", "reward")) {
			assertEquals(Comparison.Goal.HIGHER, Comparison.goalOf(higher), higher);
		}
		for (String none : List.of("lr", "learning_rate", "grad_norm", "epoch", "gpu_mem", "train_runtime",
				"momentum", "weight_decay", "batch_size", "counted", "temperature", "")) {
			assertEquals(Comparison.Goal.NONE, Comparison.goalOf(none), none);
		}
	}

	@Test
	void segmentsCountAndNaNValuesAreNotBest() {
		RunModel m = new RunModel(1);
		m.storeMetric("train/error", "step", 5, 0.3, 0);
		m.storeMetric("train/error", "step", 6, Double.NaN, 0);
		m.storeMetric("train/error", "step", 1, 0.2, 0); // a second loop: a new segment
		Comparison.Figures f = Comparison.of(List.of(m)).get(0).runs().get(0);
		assertEquals(0.2, f.best());
		assertEquals(0.2, f.last());
		assertEquals(3, f.points());
	}
}
