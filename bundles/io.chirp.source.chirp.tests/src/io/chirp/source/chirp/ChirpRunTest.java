package io.chirp.source.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunSummary;

/** The chirp through the whole pipeline: pacing, Stop, the exact samples, and its frequency read by the receiver. */
class ChirpRunTest {

	private final RunController controller = new RunController(1 << 20, 16, null);
	private final List<RunSummary> summaries = new CopyOnWriteArrayList<>();

	{
		controller.addListener(new RunListener() {
			@Override
			public void runEnded(RunSummary summary) {
				summaries.add(summary);
			}
		});
	}

	@AfterEach
	void noJobLeftBehind() throws InterruptedException {
		assertTrue(controller.stop(5_000));
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "jobs of the family left");
	}

	/** Waits on the model's own notification until it stored {@code samples}; a sleep would only guess. */
	private void awaitStored(RunModel model, long samples) throws InterruptedException {
		CountDownLatch enough = new CountDownLatch(1);
		RunListener listener = new RunListener() {
			@Override
			public void batchStored(RunModel stored) {
				if (stored == model && stored.stored() >= samples) {
					enough.countDown();
				}
			}
		};
		controller.addListener(listener);
		try {
			assertTrue(enough.await(20, TimeUnit.SECONDS), "stored " + model.stored() + " of " + samples + " samples");
		} finally {
			controller.removeListener(listener);
		}
	}

	@Test
	void stopEndsBothJobsWithinOneSecondWhileTheChirpIsPaced() throws InterruptedException {
		RunModel model = controller.start(new ChirpSource(ChirpParameters.defaults()));
		awaitStored(model, 1);
		long started = System.nanoTime();
		assertTrue(controller.stop(1_000));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertTrue(millis < 1_000, "stop took " + millis + " ms");
		RunSummary summary = summaries.get(0);
		assertEquals(0, summary.lost());
		assertTrue(summary.received() > 0, "some samples arrived");
		assertEquals(summary.produced(), summary.received());
		assertTrue(summary.describe().contains("lost = 0"), summary.describe());
	}
	@Test
	void atFullRateWithRecycledArraysTheHistoryHoldsTheExactChirp() throws InterruptedException {
		ChirpParameters unpaced = new ChirpParameters(0.5, 0.2, 1, 1_000_000, 10_000, 0);
		RunModel model = controller.start(new ChirpSource(unpaced));
		awaitStored(model, 3L * model.series().capacity()); // the history's arrays were recycled three times over
		assertTrue(controller.stop(5_000));
		assertEquals(0, model.lost());
		assertEquals(model.produced(), model.stored());
		SeriesBuffer.Decimation all = model.series().all();
		assertTrue(model.stored() > all.points(), "the run outgrew the history, so arrays were recycled many times");
		ChirpWaveform reference = new ChirpWaveform(unpaced);
		long first = model.stored() - all.points();
		for (int k = 0; k < all.points(); k++) {
			assertEquals(reference.valueAt(first + k), all.values()[k], "value of sample " + (first + k));
			assertEquals(reference.timeOf(first + k), all.times()[k], "time of sample " + (first + k));
		}
	}
	@Test
	void theReceiverReadsTheChirpsFrequencyFromItsZeroCrossings() throws InterruptedException {
		// 1 kHz sampling, unpaced: after 20 s of signal time the frequency is 0.5 + 0.2 * 20 = 4.5 Hz
		ChirpParameters p = new ChirpParameters(0.5, 0.2, 1, 1_000, 1_000, 0);
		RunModel model = controller.start(new ChirpSource(p));
		awaitStored(model, 20_000);
		assertTrue(controller.stop(5_000));
		String signal = model.latest().signal();
		assertNotNull(signal, "known after two cycles");
		double hz = Double.parseDouble(signal.replace(" Hz", ""));
		double expected = p.startFrequencyHz() + p.growthHzPerSecond() * model.latest().elapsedSeconds();
		// the last full cycle ended up to one period before the batch's end, and its frequency is that of its middle:
		// the reading lags by about 1.5 periods of growth (2 with the samples' spacing and the period's own growth)
		double lag = p.growthHzPerSecond() * 2 / expected;
		assertEquals(expected, hz, lag, "frequency at t = " + model.latest().elapsedSeconds() + " s");
		assertTrue(hz <= expected, "a lagging reading, never ahead");
	}

	@Test
	void theFrequencyIsUnknownUntilTwoRisingCrossingsWereSeen() {
		ZeroCrossingFrequency frequency = new ZeroCrossingFrequency();
		// rising crossings at 0.05 s (between 0 and 0.1) and 0.45 s (between 0.3 and 0.6, the next batch): 2.5 Hz
		assertNull(frequency.refine(new double[] { 0, 0.1, 0.2 }, new double[] { -1, 1, -1 }), "one crossing");
		assertEquals("2.500 Hz", frequency.refine(new double[] { 0.3, 0.6 }, new double[] { -1, 1 }));
	}

	@Test
	void theFactoryNamesAWrongValueAsThePageShowsIt() {
		ChirpSourceFactory factory = new ChirpSourceFactory();
		IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> factory.create(Map.of(ChirpSourceFactory.SAMPLES_PER_BATCH, "0")));
		assertTrue(e.getMessage().startsWith("Samples per batch: 0 is invalid: allowed range [1, "), e.getMessage());
		e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
				() -> factory.create(Map.of(ChirpSourceFactory.AMPLITUDE, "loud")));
		assertEquals("Amplitude: 'loud' is not a number.", e.getMessage());
		assertEquals(ChirpParameters.defaults(), ChirpSourceFactory.parameters(Map.of()), "nothing typed: the defaults");
		ChirpParameters p = new ChirpParameters(2, 0.5, 3, 2000, 100, 20);
		assertEquals(p, ChirpSourceFactory.parameters(ChirpSourceFactory.values(p)), "values round-trip");
	}
}
