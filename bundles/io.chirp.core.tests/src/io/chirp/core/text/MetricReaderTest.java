package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chirp.core.source.MetricPoint;

/** What only a sequence of lines can say: bars counted on, steps going back, the name limit, untrusted values. */
class MetricReaderTest {

	private final MetricReader reader = new MetricReader(MetricPoint.TIME_AXIS);

	private MetricReader.Reading line(String text) {
		return reader.read(text, false, 0, 42.0);
	}

	private MetricReader.Reading redraw(String text) {
		return reader.read(text, true, 1, 42.0);
	}

	@Test
	void linesWithoutAStepBelongToTheLastStepNamedOrTheClock() {
		assertEquals(List.of(new MetricPoint("lr", MetricPoint.TIME_AXIS, 42.0, 0.1)), line("lr=0.1").points());
		line("Epoch 3/10");
		assertEquals(List.of(new MetricPoint("val_loss", "epoch", 3.0, 0.5)), line("val_loss: 0.5").points(),
				"a line naming only the epoch is the epoch of the next lines");
	}

	@Test
	void anEpochsMetricsInARunDrawnAgainstStepsAreAtTheStepReached() {
		line("step=10 loss=0.5");
		assertEquals(List.of(new MetricPoint("val_loss", "step", 10.0, 0.6)), line("epoch 1: val_loss=0.6").points(),
				"on the loss's axis, not at x = 1 beside steps");
		assertEquals(List.of(new MetricPoint("loss", "step", 20.0, 0.4)), line("step=20 loss=0.4").points());
		// nested bars: the outer bar over epochs is redrawn (stderr) around tqdm.write's line (stdout), and the two
		// streams are read by two threads: its count is no step of the loss
		redraw("Epochs:  33%|###       | 1/3 [00:01<00:03,  1.65s/it]");
		assertEquals(List.of(new MetricPoint("val_loss", "step", 20.0, 0.3)), line("epoch 2: val_loss=0.3").points());
		// a run whose metrics all name their epoch keeps the epoch axis (Hugging Face's dicts between its bar's states)
		MetricReader epochs = new MetricReader(MetricPoint.TIME_AXIS);
		epochs.read(" 25%|##        | 50/200 [00:05<00:15,  9.80it/s]", true, 1, 0);
		assertEquals(List.of(new MetricPoint("loss", "epoch", 0.5, 0.5)),
				epochs.read("{'loss': 0.5, 'epoch': 0.5}", false, 0, 0).points());
	}

	@Test
	void aBarsFinalStateIsNotReadTwiceAndEndsTheBar() {
		redraw("Epoch 1:  50%|#####     | 1/2 [00:01<00:01, 1.00it/s, loss=0.5]");
		assertNotNull(reader.activeBar());
		assertEquals("Epoch 1: 1/2, 1.00 it/s, ETA 0:01", reader.activeBar().describe());
		assertEquals(0.5, reader.activeBar().fraction());
		assertEquals(1, redraw("Epoch 1: 100%|##########| 2/2 [00:02<00:00, 1.00it/s, loss=0.4]").points().stream()
				.filter(p -> p.name().equals("loss")).count());
		assertEquals(List.of(), reader.read("Epoch 1: 100%|##########| 2/2 [00:02<00:00, 1.00it/s, loss=0.4]", false, 1, 0)
				.points(), "tqdm draws the last state again when it closes");
		assertNull(reader.activeBar(), "between bars the progress is not known");
	}

	@Test
	void theNextBarContinuesTheCountAndAStepGoingBackStartsASegment() {
		redraw("Epoch 1:  50%|#####     | 5/10 [00:01<00:01, 5.00it/s, loss=0.9]");
		reader.read("Epoch 1: 100%|##########| 10/10 [00:02<00:00, 5.00it/s, loss=0.5]", false, 1, 0);
		MetricReader.Reading next = redraw("Epoch 2:  10%|#         | 1/10 [00:00<00:09, 5.00it/s, loss=0.45]");
		assertEquals(11.0, next.points().get(0).x(), "the bar of epoch 2 starts where epoch 1 ended");
		assertEquals(List.of(), next.notes());
		line("step=100 acc=0.5");
		MetricReader.Reading back = line("step=3 acc=0.6");
		assertEquals(List.of("step went back to 3 for acc: a new segment starts"), back.notes());
		assertEquals(3.0, back.points().get(0).x());
	}

	@Test
	void atMostTwoHundredMetricNamesPerRun() {
		StringBuilder many = new StringBuilder("step=1");
		for (int i = 0; i < 250; i++) {
			many.append(" layer").append(i).append("/grad_norm=").append(i);
		}
		MetricReader.Reading r = line(many.toString());
		assertEquals(MetricReader.MAX_METRIC_NAMES, r.points().size());
		assertEquals(1, r.problems().size());
		assertTrue(r.problems().get(0).startsWith("more than 200 metric names"), r.problems().toString());
		assertEquals(50, reader.droppedNameValues());
		assertEquals(List.of(), line("step=2 layer249/grad_norm=1").points(), "a dropped name stays dropped");
		assertEquals(List.of(), line("step=3 layer240/grad_norm=1").problems(), "reported once");
		assertEquals(1, line("step=4 layer0/grad_norm=1").points().size(), "known names go on");
	}

	@Test
	void nonFiniteValuesAreMalformedAndNeverStored() {
		MetricReader.Reading r = line("step=1 loss=1e400 acc=inf val=-Infinity x=NaN ok=0.5");
		assertEquals(List.of("loss=1e400", "acc=inf", "val=-Infinity", "x=NaN"), r.malformed());
		assertEquals(List.of(new MetricPoint("ok", "step", 1, 0.5)), r.points());
		assertEquals(List.of("loss: nan"), line("12/57 [====>....] - ETA: 1s - loss: nan - accuracy: 0.5").malformed());
		assertEquals(5, reader.malformedValues());
	}

	@Test
	void aJsonLineWithAnEmptyStringIsRead() {
		assertEquals(List.of(new MetricPoint("loss", MetricPoint.TIME_AXIS, 42.0, 0.5)),
				line("{\"tag\": \"\", \"loss\": 0.5}").points());
		assertEquals(0, reader.failures());
	}

	@Test
	void stepsCountedAgainInEachEpochCountOnFromTheStepTheEpochBeforeReached() {
		// PyTorch's CIFAR-10 tutorial: print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 2000:.3f}')
		assertEquals(List.of(new MetricPoint("loss", "step", 2000.0, 2.178)), line("[1,  2000] loss: 2.178").points());
		assertEquals(List.of(new MetricPoint("loss", "step", 12000.0, 1.41)), line("[1, 12000] loss: 1.410").points());
		assertEquals(List.of(new MetricPoint("loss", "step", 14000.0, 1.35)), line("[2,  2000] loss: 1.350").points(),
				"epoch 2 counts on from the last step epoch 1 named");
		assertEquals(List.of(new MetricPoint("loss", "step", 24000.0, 1.2)), line("[2, 12000] loss: 1.200").points());
		assertEquals(List.of(new MetricPoint("loss", "step", 26000.0, 1.1)), line("[3,  2000] loss: 1.100").points());
		assertEquals(List.of(new MetricPoint("val_loss", "step", 26000.0, 1.3)), line("epoch 3: val_loss=1.3").points(),
				"an epoch's line at the step its metrics reached");
		// the same script training a second model: its first epoch starts the count again, a new segment
		MetricReader.Reading again = line("[1,  2000] loss: 2.200");
		assertEquals(List.of(new MetricPoint("loss", "step", 2000.0, 2.2)), again.points());
		assertEquals(1, again.notes().size(), "said: " + again.notes());
	}
}

