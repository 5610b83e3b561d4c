package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A metric's history in segments: x order within each, bounded in points and segments. */
class MetricSeriesTest {

	@Test
	void aStepThatGoesBackStartsASegmentAndEqualStepsDoNot() {
		MetricSeries series = new MetricSeries(100);
		assertFalse(series.append(1, 0.9));
		assertFalse(series.append(2, 0.8));
		assertFalse(series.append(2, 0.7), "the same step again (a summary line) stays in the segment");
		assertTrue(series.append(0, 0.95), "a second training loop");
		assertFalse(series.append(1, 0.85));
		List<SeriesBuffer> segments = series.segments();
		assertEquals(2, segments.size());
		assertEquals(3, segments.get(0).size());
		assertEquals(List.of(0.0, 1.0), List.of(segments.get(1).firstTime(), segments.get(1).lastTime()));
		assertEquals(segments.get(1), series.latest());
		assertEquals(5, series.appendedCount());
	}

	@Test
	void olderSegmentsKeepOnlyTheirSummaryBeyondTheCapacityAndOnlyTheSegmentLimitDrops() {
		MetricSeries series = new MetricSeries(10);
		for (int i = 0; i < 8; i++) {
			series.append(i, i);
		}
		for (int i = 0; i < 5; i++) {
			series.append(i, -i); // a second segment: 13 points held would exceed 10
		}
		List<SeriesBuffer> segments = series.segments();
		assertEquals(2, segments.size(), "the first segment stays, as its summary");
		assertEquals(0, segments.get(0).size(), "no longer at full resolution");
		assertEquals(8, segments.get(0).summarized());
		SeriesBuffer.Decimation first = segments.get(0).decimate(0, 7, 100);
		assertEquals(0.0, first.times()[0], "still drawn from its first step");
		assertEquals(7.0, first.values()[first.points() - 1], "to its last value");
		assertEquals(5, series.latest().size());
		assertEquals(0, series.dropped());

		MetricSeries backEveryTime = new MetricSeries(1_000_000);
		for (int i = 0; i < 3 * MetricSeries.MAX_SEGMENTS; i++) {
			backEveryTime.append(-i, i); // a program whose step goes back on every line
		}
		assertEquals(MetricSeries.MAX_SEGMENTS, backEveryTime.segments().size());
		assertEquals(-(3.0 * MetricSeries.MAX_SEGMENTS - 1), backEveryTime.latest().lastTime());
		assertEquals(2 * MetricSeries.MAX_SEGMENTS, backEveryTime.dropped(), "counted, so it can be said");
	}

	@Test
	void aGapBreaksTheLineWithoutBeingAPoint() {
		RunModel model = new RunModel(1);
		model.storeMetric("loss", "step", 1, 0.9, 0);
		model.storeMetric("loss", "step", 2, 0.8, 0);
		io.chirp.core.source.MetricPoint gap = io.chirp.core.source.MetricPoint.gap("loss", "step");
		assertTrue(gap.isGap());
		model.storeMetric(gap.name(), gap.axis(), gap.x(), gap.value(), 1);
		model.storeMetric("loss", "step", 3, 0.7, 2); // forward, yet a line of its own
		model.storeMetric("acc", "step", Double.NaN, Double.NaN, 2); // a gap of a metric not seen yet: nothing
		assertEquals(3, model.metricPoints(), "the gap is no point");
		assertEquals(List.of("loss"), model.metricNames());
		List<SeriesBuffer> segments = model.metricSeries("loss").segments();
		assertEquals(2, segments.size());
		assertEquals(2, segments.get(0).size());
		assertEquals(3.0, segments.get(1).firstTime());
		assertEquals(0, model.segmentsStarted(), "x never went back");
	}

	@Test
	void tenMillionPointsAreDrawnFromTheFirstStepInBoundedMemoryWithEverySpike() {
		MetricSeries series = new MetricSeries(RunModel.METRIC_CAPACITY);
		int n = 10_000_000;
		for (int i = 0; i < n; i++) {
			double v = i == 1234 ? 1e6 : i == 5_000_000 ? -1e6 : Math.sin(i * 1e-3);
			series.append(i, v);
		}
		SeriesBuffer only = series.latest();
		assertEquals(RunModel.METRIC_CAPACITY, only.size(), "full resolution for the newest points only");
		assertEquals(n - RunModel.METRIC_CAPACITY, only.summarized(), "every older point is in the summary");
		assertTrue(only.summaryBuckets() <= 2048, "bounded: " + only.summaryBuckets());
		assertEquals(0.0, only.firstTime(), "the whole history starts at the first step");
		SeriesBuffer.Decimation whole = only.decimate(0, n - 1, 1000);
		assertTrue(whole.points() <= 2 * 1000 + 2 * 1000, "about two points per bucket: " + whole.points());
		assertTrue(whole.times()[0] <= 2.0 * n / 1000, "from the first bucket: " + whole.times()[0]);
		double max = Double.NEGATIVE_INFINITY;
		double min = Double.POSITIVE_INFINITY;
		double maxAt = -1;
		double minAt = -1;
		for (int i = 0; i < whole.points(); i++) {
			if (i > 0) {
				assertTrue(whole.times()[i] >= whole.times()[i - 1], "x order at " + i);
			}
			if (whole.values()[i] > max) {
				max = whole.values()[i];
				maxAt = whole.times()[i];
			}
			if (whole.values()[i] < min) {
				min = whole.values()[i];
				minAt = whole.times()[i];
			}
		}
		assertEquals(1e6, max, "the spike at step 1,234 is drawn");
		assertEquals(1234, maxAt);
		assertEquals(-1e6, min);
		assertEquals(5_000_000, minAt);
		assertTrue(whole.times()[whole.points() - 1] >= n - 1 - 2.0 * n / 1000, "to the last bucket");
	}
}
