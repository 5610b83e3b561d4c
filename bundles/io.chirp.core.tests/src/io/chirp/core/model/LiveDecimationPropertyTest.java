package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A decimation kept up to date as samples come is the decimation made afresh. */
class LiveDecimationPropertyTest {

	@Property(tries = 200)
	void foldingInNewSamplesGivesWhatAFreshDecimationGives(@ForAll @IntRange(min = 1, max = 300) int buckets,
			@ForAll @IntRange(min = 1, max = 40) int batches, @ForAll long seed) {
		Random random = new Random(seed);
		SeriesBuffer series = new SeriesBuffer(1_000_000);
		SeriesBuffer.LiveDecimation live = new SeriesBuffer.LiveDecimation();
		double from = 0;
		double to = 1_000; // a range with headroom, as a metric chart keeps it
		double t = 0;
		for (int batch = 0; batch < batches; batch++) {
			int count = random.nextInt(400);
			double[] ts = new double[count];
			double[] vs = new double[count];
			for (int i = 0; i < count; i++) {
				t += random.nextDouble() * 0.2; // equal times too, sometimes
				ts[i] = t;
				vs[i] = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextGaussian(); // ties as well
			}
			series.append(ts, vs, count);
			SeriesBuffer.Decimation kept = series.decimate(from, to, buckets, live);
			SeriesBuffer.Decimation fresh = series.decimate(from, to, buckets);
			assertEquals(fresh.points(), kept.points(), "points after batch " + batch);
			assertArrayEquals(Arrays.copyOf(fresh.times(), fresh.points()), Arrays.copyOf(kept.times(), kept.points()));
			assertArrayEquals(Arrays.copyOf(fresh.values(), fresh.points()), Arrays.copyOf(kept.values(), kept.points()));
		}
	}

	@Property(tries = 50)
	void samplesThatLeftTheRingKeepTheirPeaksAndARangeChangeStartsAfresh(@ForAll long seed) {
		Random random = new Random(seed);
		SeriesBuffer series = new SeriesBuffer(500); // a metric's ring, small: most samples leave it
		SeriesBuffer.LiveDecimation live = new SeriesBuffer.LiveDecimation();
		double highest = Double.NEGATIVE_INFINITY;
		double lowest = Double.POSITIVE_INFINITY;
		double t = 0;
		for (int batch = 0; batch < 30; batch++) {
			double[] ts = new double[100];
			double[] vs = new double[100];
			for (int i = 0; i < 100; i++) {
				ts[i] = t++;
				vs[i] = random.nextGaussian() * 10;
				highest = Math.max(highest, vs[i]);
				lowest = Math.min(lowest, vs[i]);
			}
			series.append(ts, vs, 100);
			SeriesBuffer.Decimation kept = series.decimate(0, 4_000, 100, live);
			double[] values = Arrays.copyOf(kept.values(), kept.points());
			double shownHighest = Arrays.stream(values).max().orElseThrow();
			double shownLowest = Arrays.stream(values).min().orElseThrow();
			assertEquals(highest, shownHighest, "the highest sample so far is shown after batch " + batch);
			assertEquals(lowest, shownLowest, "the lowest too");
			assertTrue(kept.points() <= 200, "at most two points per slice: " + kept.points());
		}
		// another range: made afresh, as a fresh decimation makes it
		SeriesBuffer.Decimation moved = series.decimate(2_600, 3_000, 50, live);
		SeriesBuffer.Decimation fresh = series.decimate(2_600, 3_000, 50);
		assertArrayEquals(Arrays.copyOf(fresh.values(), fresh.points()), Arrays.copyOf(moved.values(), moved.points()));
	}
}
