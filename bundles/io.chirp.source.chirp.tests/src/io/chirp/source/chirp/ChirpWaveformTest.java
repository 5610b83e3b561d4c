package io.chirp.source.chirp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChirpWaveformTest {

	private final ChirpWaveform waveform = new ChirpWaveform(new ChirpParameters(2.0, 0.5, 3.0, 1000.0, 100, 0));

	@Test
	void sameParametersGiveIdenticalSamplesWhateverTheBatching() {
		double[] whole = new double[1000];
		waveform.fill(0, whole);
		double[] pieces = new double[1000];
		for (int first = 0; first < 1000; first += 7) {
			double[] piece = new double[Math.min(7, 1000 - first)];
			new ChirpWaveform(waveform.parameters()).fill(first, piece);
			System.arraycopy(piece, 0, pieces, first, piece.length);
		}
		assertArrayEquals(whole, pieces);
	}

	@Test
	void followsTheChirpFormula() {
		long index = 1234;
		double t = index / 1000.0;
		double expected = 3.0 * Math.sin(2 * Math.PI * (2.0 * t + 0.25 * t * t));
		assertEquals(expected, waveform.valueAt(index), 1e-9);
		assertEquals(2.0 + 0.5 * t, waveform.frequencyAt(index), 1e-12);
	}

	@Test
	void staysWithinAmplitudeAndReachesItsPeaks() {
		double max = Double.NEGATIVE_INFINITY;
		double min = Double.POSITIVE_INFINITY;
		for (long i = 0; i < 100_000; i++) {
			double v = waveform.valueAt(i);
			max = Math.max(max, v);
			min = Math.min(min, v);
		}
		assertTrue(max <= 3.0 && max > 2.99, "max " + max);
		assertTrue(min >= -3.0 && min < -2.99, "min " + min);
	}

	@Test
	void keepsPrecisionAfterHoursOfSignal() {
		// after 10 hours the phase is ~3e7 cycles; the value must still match a high-precision evaluation
		long index = 36_000_000L;
		java.math.BigDecimal t = java.math.BigDecimal.valueOf(index).divide(java.math.BigDecimal.valueOf(1000));
		java.math.BigDecimal cycles = t.multiply(java.math.BigDecimal.valueOf(2.0))
				.add(t.multiply(t).multiply(java.math.BigDecimal.valueOf(0.25)));
		double fraction = cycles.subtract(new java.math.BigDecimal(cycles.toBigInteger())).doubleValue();
		assertEquals(3.0 * Math.sin(2 * Math.PI * fraction), waveform.valueAt(index), 1e-6);
	}
}
