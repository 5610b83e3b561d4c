package io.chirp.source.chirp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.chirp.core.source.RawBatch;

class ChirpSourceTest {

	@Test
	void sameParametersGiveTheSameBatches() throws Exception {
		ChirpParameters p = new ChirpParameters(1, 2, 1, 500, 25, 0);
		ChirpSource a = new ChirpSource(p);
		ChirpSource b = new ChirpSource(p);
		for (long seq = 0; seq < 10; seq++) {
			RawBatch x = a.next(seq, () -> false);
			RawBatch y = b.next(seq, () -> false);
			assertEquals(seq * 25, x.firstSampleIndex());
			assertArrayEquals(x.values(), y.values());
			assertArrayEquals(x.times(), y.times());
		}
	}

	@Test
	void aRecycledBatchsArraysAreRefilledWithTheNextSamples() throws Exception {
		ChirpParameters p = new ChirpParameters(1, 2, 1, 500, 25, 0);
		ChirpSource recycling = new ChirpSource(p);
		ChirpSource fresh = new ChirpSource(p);
		RawBatch previous = recycling.next(0, () -> false);
		fresh.next(0, () -> false);
		for (long seq = 1; seq < 10; seq++) {
			double[] givenBack = previous.values();
			recycling.recycle(previous);
			RawBatch x = recycling.next(seq, () -> false);
			RawBatch y = fresh.next(seq, () -> false);
			assertSame(givenBack, x.values(), "the arrays were reused");
			assertArrayEquals(y.values(), x.values());
			assertArrayEquals(y.times(), x.times());
			previous = x;
		}
	}

	@Test
	void waitingForAPacedBatchEndsAsSoonAsCancelled() throws Exception {
		ChirpSource source = new ChirpSource(new ChirpParameters(1, 1, 1, 100, 10, 60_000));
		source.next(0, () -> false); // starts the clock; batch 1 is due in a minute
		long deadline = System.nanoTime() + 30_000_000L;
		long started = System.nanoTime();
		assertNull(source.next(1, () -> System.nanoTime() > deadline));
		assertTrue(System.nanoTime() - started < 1_000_000_000L, "cancelled wait returned promptly");
	}
}
