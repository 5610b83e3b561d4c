package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
		assertTrue(loss.lowerIsBetter());
		assertEquals(new Comparison.Figures(0.7, 0.5, 3), loss.runs().get(0));
		assertEquals(new Comparison.Figures(0.4, 0.4, 2), loss.runs().get(1));
		Comparison.Row acc = rows.get(1);
		assertFalse(acc.lowerIsBetter());
		assertEquals(new Comparison.Figures(0.8, 0.9, 3), acc.runs().get(0));
		assertTrue(Double.isNaN(acc.runs().get(1).last()), "b has no val_acc");
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
