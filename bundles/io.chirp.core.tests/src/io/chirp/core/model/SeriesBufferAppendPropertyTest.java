package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Appending a batch at once (runs of samples copied, the leaving ones folded into the summary in one loop per
 * bucket) leaves the buffer as appending its samples one by one does: the ring, the summary, every decimation.
 */
class SeriesBufferAppendPropertyTest {

	@Property(tries = 300)
	void aBatchAppendedAtOnceIsTheSameAsItsSamplesOneByOne(@ForAll @IntRange(min = 1, max = 200) int capacity,
			@ForAll @IntRange(min = 1, max = 30) int batches, @ForAll long seed) {
		Random random = new Random(seed);
		SeriesBuffer atOnce = new SeriesBuffer(capacity);
		SeriesBuffer oneByOne = new SeriesBuffer(capacity);
		double t = 0;
		for (int batch = 0; batch < batches; batch++) {
			// empty batches, small ones, and ones larger than the ring
			int count = random.nextInt(3 * capacity + 2);
			double[] ts = new double[count];
			double[] vs = new double[count];
			for (int i = 0; i < count; i++) {
				t += random.nextInt(3); // equal times too
				ts[i] = t;
				vs[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian();
			}
			atOnce.append(ts, vs, count);
			for (int i = 0; i < count; i++) {
				oneByOne.append(new double[] { ts[i] }, new double[] { vs[i] }, 1);
			}
			if (random.nextInt(8) == 0) {
				atOnce.compact(); // an old segment given up: appending starts a new ring
				oneByOne.compact();
			}
			assertSame(oneByOne, atOnce, random, "after batch " + batch + " of " + count);
		}
	}

	private static void assertSame(SeriesBuffer expected, SeriesBuffer actual, Random random, String when) {
		assertEquals(expected.size(), actual.size(), "held, " + when);
		assertEquals(expected.appendedCount(), actual.appendedCount(), "appended, " + when);
		assertEquals(expected.summarized(), actual.summarized(), "summarized, " + when);
		assertEquals(expected.summaryBuckets(), actual.summaryBuckets(), "summary buckets, " + when);
		assertEquals(expected.firstTime(), actual.firstTime(), "first time, " + when);
		assertEquals(expected.lastTime(), actual.lastTime(), "last time, " + when);
		assertEquals(expected.lastValue(), actual.lastValue(), "last value, " + when);
		assertPoints(expected.all(), actual.all(), "held samples, " + when);
		if (expected.hasData()) {
			double from = expected.firstTime();
			double to = expected.lastTime();
			for (int buckets : new int[] { 1, 3, 17, 1000 }) {
				assertPoints(expected.decimate(from, to, buckets), actual.decimate(from, to, buckets),
						buckets + " buckets, " + when);
				// a part of the history, as a zoomed chart asks (the summary's buckets are cut by their extents)
				double lower = from + random.nextDouble() * (to - from);
				double upper = lower + random.nextDouble() * (to - lower);
				assertPoints(expected.decimate(lower, upper, buckets), actual.decimate(lower, upper, buckets),
						buckets + " buckets in [" + lower + ", " + upper + "], " + when);
			}
		}
	}

	private static void assertPoints(SeriesBuffer.Decimation expected, SeriesBuffer.Decimation actual, String what) {
		assertEquals(expected.points(), actual.points(), what);
		assertEquals(expected.sourceSamples(), actual.sourceSamples(), what);
		assertArrayEquals(Arrays.copyOf(expected.times(), expected.points()), Arrays.copyOf(actual.times(), actual.points()), what);
		assertArrayEquals(Arrays.copyOf(expected.values(), expected.points()), Arrays.copyOf(actual.values(), actual.points()), what);
	}
}
