package io.chirp.source.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChirpParametersTest {

	@Test
	void defaultsAreValidAndRealTime() {
		ChirpParameters p = ChirpParameters.defaults();
		// one batch of samples per batch period keeps the signal in real time
		assertEquals(p.sampleRateHz(), p.samplesPerBatch() * 1000.0 / p.batchPeriodMillis(), 1e-9);
	}

	@Test
	void nanSampleRateIsRejectedWithNameValueAndRange() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new ChirpParameters(1, 1, 1, Double.NaN, 10, 10));
		assertEquals("sampleRateHz = NaN is invalid: allowed range (0.0, 1.0E8]", e.getMessage());
	}

	@Test
	void zeroAndNegativeRatesAreRejected() {
		assertMessageStartsWith("growthHzPerSecond = 0.0", () -> new ChirpParameters(1, 0, 1, 100, 10, 10));
		assertMessageStartsWith("sampleRateHz = -5.0", () -> new ChirpParameters(1, 1, 1, -5, 10, 10));
		assertMessageStartsWith("startFrequencyHz = -1.0", () -> new ChirpParameters(-1, 1, 1, 100, 10, 10));
		assertMessageStartsWith("amplitude = Infinity",
				() -> new ChirpParameters(1, 1, Double.POSITIVE_INFINITY, 100, 10, 10));
	}

	@Test
	void absurdSizesAreRejected() {
		assertMessageStartsWith("samplesPerBatch = 0", () -> new ChirpParameters(1, 1, 1, 100, 0, 10));
		assertMessageStartsWith("samplesPerBatch = 2147483647",
				() -> new ChirpParameters(1, 1, 1, 100, Integer.MAX_VALUE, 10));
		assertMessageStartsWith("batchPeriodMillis = -1", () -> new ChirpParameters(1, 1, 1, 100, 10, -1));
	}

	private static void assertMessageStartsWith(String expected, Runnable construction) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
		assertTrue(e.getMessage().startsWith(expected + " is invalid: allowed range"), e.getMessage());
	}
}
