package io.chirp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SeriesBufferTest {

	private static SeriesBuffer filled(int capacity, double[] values) {
		SeriesBuffer buffer = new SeriesBuffer(capacity);
		double[] times = new double[values.length];
		for (int i = 0; i < times.length; i++) {
			times[i] = i;
		}
		buffer.append(times, values, values.length);
		return buffer;
	}

	@Test
	void defaultCapacityHoldsAMillionSamples() {
		assertTrue(SeriesBuffer.DEFAULT_CAPACITY >= 1_000_000);
	}

	@Test
	void ringKeepsTheNewestSamplesOnceFull() {
		SeriesBuffer buffer = filled(5, new double[] { 0, 1, 2, 3, 4, 5, 6, 7 });
		assertEquals(5, buffer.size());
		assertEquals(8, buffer.appendedCount());
		assertEquals(0.0, buffer.firstTime(), "the whole history's first sample");
		assertEquals(7.0, buffer.lastTime());
		SeriesBuffer.Decimation held = buffer.all();
		assertArrayEquals(new double[] { 3, 4, 5, 6, 7 }, Arrays.copyOf(held.values(), held.points()),
				"the newest at full resolution");
		assertEquals(3, buffer.summarized(), "the overwritten ones in the summary");
		SeriesBuffer.Decimation drawn = buffer.decimate(0, 10, 100);
		assertArrayEquals(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 }, Arrays.copyOf(drawn.values(), drawn.points()),
				"drawn from the first");
	}

	@Test
	void smallRangesComeBackUnchanged() {
		SeriesBuffer buffer = filled(100, new double[] { 5, -1, 7, 2, 9 });
		SeriesBuffer.Decimation d = buffer.decimate(1, 3, 10);
		assertEquals(3, d.points());
		assertArrayEquals(new double[] { 1, 2, 3 }, Arrays.copyOf(d.times(), 3));
		assertArrayEquals(new double[] { -1, 7, 2 }, Arrays.copyOf(d.values(), 3));
	}

	@Test
	void decimationKeepsTheTrueMinAndMaxOfEveryBucket() {
		Random random = new Random(42);
		double[] values = new double[1_000_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = random.nextGaussian();
		}
		values[123_457] = 50; // single-sample spikes must survive
		values[876_543] = -50;
		// a wrapped ring: 1.2 M appended into 1 M capacity
		SeriesBuffer buffer = new SeriesBuffer(1_000_000);
		double[] warmup = new double[200_000];
		double[] warmupTimes = new double[200_000];
		for (int i = 0; i < warmup.length; i++) {
			warmupTimes[i] = i - 200_000;
		}
		buffer.append(warmupTimes, warmup, warmup.length);
		double[] times = new double[values.length];
		for (int i = 0; i < times.length; i++) {
			times[i] = i;
		}
		buffer.append(times, values, values.length);

		int buckets = 1000;
		SeriesBuffer.Decimation d = buffer.decimate(0, 999_999, buckets);
		assertTrue(d.points() <= 2 * buckets);
		assertEquals(1_000_000, d.sourceSamples());
		double width = 999_999.0 / buckets;
		for (int b = 0; b < buckets; b++) {
			double from = b * width;
			double to = b == buckets - 1 ? Double.POSITIVE_INFINITY : (b + 1) * width;
			double trueMin = Double.POSITIVE_INFINITY;
			double trueMax = Double.NEGATIVE_INFINITY;
			for (int i = (int) Math.ceil(from); i < values.length && i < to; i++) {
				trueMin = Math.min(trueMin, values[i]);
				trueMax = Math.max(trueMax, values[i]);
			}
			double shownMin = Double.POSITIVE_INFINITY;
			double shownMax = Double.NEGATIVE_INFINITY;
			for (int k = 0; k < d.points(); k++) {
				if (d.times()[k] >= from && d.times()[k] < to) {
					shownMin = Math.min(shownMin, d.values()[k]);
					shownMax = Math.max(shownMax, d.values()[k]);
				}
			}
			assertEquals(trueMin, shownMin, "min of bucket " + b);
			assertEquals(trueMax, shownMax, "max of bucket " + b);
		}
		for (int k = 1; k < d.points(); k++) {
			assertTrue(d.times()[k] > d.times()[k - 1], "points in time order");
		}
	}

	@Test
	void snapshotsWhileAppendingSeeConsistentData() throws InterruptedException {
		SeriesBuffer buffer = new SeriesBuffer(10_000);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread writer = new Thread(() -> {
			double[] t = new double[100];
			double[] v = new double[100];
			for (int batch = 0; batch < 5_000; batch++) {
				for (int i = 0; i < 100; i++) {
					t[i] = batch * 100 + i;
					v[i] = t[i];
				}
				buffer.append(t, v, 100);
			}
		});
		writer.start();
		while (writer.isAlive()) {
			SeriesBuffer.Decimation d = buffer.decimate(0, Double.MAX_VALUE / 4, 50);
			for (int k = 0; k < d.points(); k++) {
				if (d.times()[k] != d.values()[k] || (k > 0 && d.times()[k] <= d.times()[k - 1])) {
					failure.set(new AssertionError("torn snapshot at " + k));
				}
			}
		}
		writer.join();
		assertEquals(null, failure.get());
		assertEquals(500_000, buffer.appendedCount());
	}

	@Test
	void aReaderThatCannotHaveTheBufferInTimeRunsNothingAndIsToldSo() throws InterruptedException {
		SeriesBuffer buffer = filled(10, new double[] { 1, 2, 3 });
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> buffer.readWithin(Long.MAX_VALUE, () -> {
			holding.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}));
		holder.start();
		assertTrue(holding.await(10, TimeUnit.SECONDS));
		AtomicBoolean ran = new AtomicBoolean();
		assertFalse(buffer.readWithin(TimeUnit.MILLISECONDS.toNanos(20), () -> ran.set(true)), "held by another thread");
		assertFalse(ran.get(), "the reader not run");
		release.countDown();
		holder.join(10_000);
		double[] seen = new double[1];
		assertTrue(buffer.readWithin(TimeUnit.SECONDS.toNanos(10), () -> seen[0] = buffer.lastTime()), "free again");
		assertEquals(2.0, seen[0], "the reader ran with the buffer held");
		Thread.currentThread().interrupt();
		assertFalse(buffer.readWithin(TimeUnit.SECONDS.toNanos(10), () -> ran.set(true)), "an interrupted reader gives up");
		assertTrue(Thread.interrupted(), "and keeps its interrupt");
		assertFalse(ran.get());
	}
}
