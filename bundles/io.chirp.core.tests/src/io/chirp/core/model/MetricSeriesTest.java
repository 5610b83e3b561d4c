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
	void theOldestSegmentsGoBeyondTheCapacityOrTheSegmentLimit() {
		MetricSeries series = new MetricSeries(10);
		for (int i = 0; i < 8; i++) {
			series.append(i, i);
		}
		for (int i = 0; i < 5; i++) {
			series.append(i, -i); // a second segment: 13 points held would exceed 10
		}
		assertEquals(1, series.segments().size(), "the first segment went");
		assertEquals(5, series.latest().size());

		MetricSeries backEveryTime = new MetricSeries(1_000_000);
		for (int i = 0; i < 3 * MetricSeries.MAX_SEGMENTS; i++) {
			backEveryTime.append(-i, i); // a program whose step goes back on every line
		}
		assertEquals(MetricSeries.MAX_SEGMENTS, backEveryTime.segments().size());
		assertEquals(-(3.0 * MetricSeries.MAX_SEGMENTS - 1), backEveryTime.latest().lastTime());
	}
}
