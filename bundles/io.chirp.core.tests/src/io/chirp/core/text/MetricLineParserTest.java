package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chirp.core.source.ProgressBar;

class MetricLineParserTest {

	private final MetricLineParser parser = new MetricLineParser();

	@Test
	void keyValuePairsWithAStepField() {
		MetricLineParser.Parsed p = parser.parse("step=120 loss=0.4312 acc=0.871");
		assertEquals("step", p.stepKey());
		assertEquals(120.0, p.step());
		assertEquals(Map.of("loss", 0.4312, "acc", 0.871), p.values());
		assertEquals(List.of("loss", "acc"), List.copyOf(p.values().keySet()), "order of the line");
		assertTrue(p.malformed().isEmpty());
	}

	@Test
	void epochWordForm() {
		MetricLineParser.Parsed p = parser.parse("epoch 3: val_loss=0.52");
		assertEquals("epoch", p.stepKey());
		assertEquals(3.0, p.step());
		assertEquals(Map.of("val_loss", 0.52), p.values());
		MetricLineParser.Parsed slash = parser.parse("Epoch 4/10 - loss: 0.4312 - accuracy: 0.8710");
		assertEquals("epoch", slash.stepKey());
		assertEquals(4.0, slash.step());
		assertEquals(Map.of("loss", 0.4312, "accuracy", 0.871), slash.values());
	}

	@Test
	void withoutAStepTheLineHasNone() {
		MetricLineParser.Parsed p = parser.parse("lr=1e-3, grad_norm=2.5; throughput=1,234 it/s");
		assertNull(p.stepKey());
		assertTrue(Double.isNaN(p.step()));
		assertEquals(1e-3, p.values().get("lr"));
		assertEquals(2.5, p.values().get("grad_norm"));
		assertEquals(1.0, p.values().get("throughput"), "the value ends at the comma");
	}

	@Test
	void jsonLines() {
		MetricLineParser.Parsed p = parser.parse("{\"step\": 1, \"loss\": 0.9, \"tag\": \"warmup\", \"nested\": {\"a\": [1, 2]}, \"ok\": true, \"acc\": -1.5e-2}");
		assertEquals("step", p.stepKey());
		assertEquals(1.0, p.step());
		assertEquals(Map.of("loss", 0.9, "acc", -0.015), p.values());
		assertTrue(p.malformed().isEmpty());
	}

	@Test
	void malformedValuesAreCountedNotFatal() {
		MetricLineParser.Parsed p = parser.parse("step=5 loss=0.4x3 acc=nan lr=0.1 model=resnet");
		assertEquals(Map.of("lr", 0.1), p.values());
		assertEquals(List.of("loss=0.4x3", "acc=nan"), p.malformed());
		MetricLineParser.Parsed json = parser.parse("{\"step\": 2, \"loss\": NaN, \"acc\": 0.5}");
		assertEquals(Map.of("acc", 0.5), json.values());
		assertEquals(List.of("loss=NaN"), json.malformed());
		MetricLineParser.Parsed broken = parser.parse("{\"step\": 2, \"loss\": }");
		assertFalse(broken.hasMetrics());
		assertEquals(1, broken.malformed().size());
		assertTrue(broken.malformed().get(0).startsWith("JSON: "), broken.malformed().toString());
	}

	@Test
	void plainTextCarriesNoMetric() {
		for (String line : List.of("", "   ", "Loading data from /tmp/x.csv ...", "warning: learning rate is high",
				"12:30:45 started", "see http://example.org/a=b", "Model: 3 layers, 1.2 M parameters",
				"Loading dataset: 96 samples in batches of 32", "Epoch 1/8")) {
			MetricLineParser.Parsed p = parser.parse(line);
			assertFalse(p.hasMetrics(), line + " -> " + p.values());
		}
	}

	@Test
	void veryLongLinesAreNotSearched() {
		String huge = "loss=0.5 " + "x".repeat(MetricLineParser.MAX_PARSED_CHARS);
		assertFalse(parser.parse(huge).hasMetrics());
		assertEquals(Map.of("loss", 0.5), parser.parse("loss=0.5 " + "x".repeat(1000)).values());
	}

	@Test
	void replacementCharactersFromBadBytesDoNotBreakParsing() {
		MetricLineParser.Parsed p = parser.parse("\uFFFD\uFFFD step=7 loss=0.25 \uFFFD");
		assertEquals(7.0, p.step());
		assertEquals(Map.of("loss", 0.25), p.values());
	}

	@Test
	void tqdmBarsWithPostfixMetrics() {
		MetricLineParser.Parsed p = parser.parse("Epoch 1:  45%|####5     | 26/57 [00:01<00:02, 21.9it/s, loss=0.532, acc=0.91]");
		assertEquals(Map.of("loss", 0.532, "acc", 0.91), p.values());
		assertNull(p.stepKey(), "the bar's count is the step, counted on by the reader");
		assertEquals(new ProgressBar("Epoch 1", 26, 57, "21.9 it/s", "0:02"), p.bar());
		assertEquals(List.of(), p.malformed(), "the closing bracket is not part of the value");
		MetricLineParser.Parsed unicode = parser.parse("train:  45%|\u2588\u2588\u2588\u2588\u258c     | 26/57 [00:01<00:02,  1.50s/it]");
		assertEquals(new ProgressBar("train", 26, 57, "1.50 s/it", "0:02"), unicode.bar());
		MetricLineParser.Parsed noTotal = parser.parse("Epoch 2: 1.20kit [00:05, 240.0it/s, loss=0.1]");
		assertEquals(new ProgressBar("Epoch 2", 1200, Double.NaN, "240.0 it/s", ""), noTotal.bar());
		assertEquals(Map.of("loss", 0.1), noTotal.values());
		assertEquals(new ProgressBar("", 0, 57, "", ""), parser.parse("  0%|          | 0/57 [00:00<?, ?it/s]").bar());
	}

	@Test
	void kerasProgressLinesClassicAndKeras3() {
		MetricLineParser.Parsed classic = parser.parse("26/57 [============>.................] - ETA: 1s - loss: 0.3124 - accuracy: 0.9102");
		assertEquals(Map.of("loss", 0.3124, "accuracy", 0.9102), classic.values());
		assertEquals(new ProgressBar("", 26, 57, "", "1s"), classic.bar());
		MetricLineParser.Parsed summary = parser.parse("57/57 [==============================] - 2s 30ms/step - loss: 0.3124 - val_loss: 0.29");
		assertEquals(Map.of("loss", 0.3124, "val_loss", 0.29), summary.values());
		assertEquals(new ProgressBar("", 57, 57, "30ms/step", ""), summary.bar());
		MetricLineParser.Parsed keras3 = parser.parse(
				"\u001b[1m26/57\u001b[0m \u001b[32m\u2501\u2501\u2501\u001b[0m\u001b[37m\u2501\u2501\u001b[0m \u001b[1m1s\u001b[0m 20ms/step - accuracy: 0.9102 - loss: 0.3124");
		assertEquals(Map.of("accuracy", 0.9102, "loss", 0.3124), keras3.values());
		assertEquals(new ProgressBar("", 26, 57, "20ms/step", "1s"), keras3.bar());
		MetricLineParser.Parsed verbose2 = parser.parse("57/57 - 2s - loss: 0.3124 - accuracy: 0.9102");
		assertEquals(Map.of("loss", 0.3124, "accuracy", 0.9102), verbose2.values());
		assertEquals(57, verbose2.bar().n());
	}

	@Test
	void xgboostAndLightGbmRounds() {
		MetricLineParser.Parsed xgb = parser.parse("[12]\ttrain-logloss:0.19060\ttrain-error:0.00469\teval-logloss:0.21943\teval-error:0.02797");
		assertEquals("round", xgb.stepKey());
		assertEquals(12.0, xgb.step());
		assertEquals(Map.of("train-logloss", 0.19060, "train-error", 0.00469, "eval-logloss", 0.21943, "eval-error", 0.02797),
				xgb.values());
		MetricLineParser.Parsed cv = parser.parse("[3]\ttrain-rmse:0.48+0.01\ttest-rmse:0.50+0.02");
		assertEquals(Map.of("train-rmse", 0.48, "test-rmse", 0.50), cv.values(), "xgb.cv: the mean of mean+std");
		MetricLineParser.Parsed lgb = parser.parse("[10]\tvalid_0's l2: 0.31");
		assertEquals(Map.of("valid_0/l2", 0.31), lgb.values());
		assertEquals(10.0, lgb.step());
		assertFalse(parser.parse("[LightGBM] [Info] Number of positive: 212, number of negative: 357").hasMetrics());
		assertFalse(parser.parse("[LightGBM] [Warning] min_data_in_leaf=20 is set").hasMetrics());
	}

	@Test
	void pythonDictsAndNestedJson() {
		MetricLineParser.Parsed hf = parser.parse("{'loss': 0.4123, 'learning_rate': 5e-05, 'epoch': 0.5, 'done': True, 'x': None}");
		assertEquals("epoch", hf.stepKey());
		assertEquals(0.5, hf.step());
		assertEquals(Map.of("loss", 0.4123, "learning_rate", 5e-05), hf.values());
		assertEquals(List.of(), hf.malformed());
		MetricLineParser.Parsed nested = parser.parse("{\"step\": 4, \"train\": {\"loss\": 0.3, \"acc\": {\"top1\": 0.8}}, \"val\": {\"loss\": 0.4}}");
		assertEquals(Map.of("train/loss", 0.3, "train/acc/top1", 0.8, "val/loss", 0.4), nested.values());
		MetricLineParser.Parsed both = parser.parse("{\"epoch\": 1, \"step\": 120, \"loss\": 0.3}");
		assertEquals("step", both.stepKey(), "the finer step wins");
		assertEquals(Map.of("epoch", 1.0, "loss", 0.3), both.values());
		assertEquals(List.of("loss=nan"), parser.parse("{'loss': nan, 'acc': 0.5}").malformed());
		assertEquals(List.of("loss=1e400"), parser.parse("{\"loss\": 1e400}").malformed());
		MetricLineParser.Parsed emptyTag = parser.parse("{\"tag\": \"\", \"loss\": 0.5}");
		assertEquals(Map.of("loss", 0.5), emptyTag.values());
		assertEquals(List.of(), emptyTag.malformed());
	}

	@Test
	void scikitLearnVerboseLines() {
		MetricLineParser.Parsed mlp = parser.parse("Iteration 3, loss = 2.04189977");
		assertEquals("iteration", mlp.stepKey());
		assertEquals(Map.of("loss", 2.04189977), mlp.values());
		MetricLineParser.Parsed sgd = parser.parse("Norm: 97.96, NNZs: 53, Bias: -23.2, T: 1797, Avg. loss: 1.624430");
		assertEquals(Map.of("Norm", 97.96, "NNZs", 53.0, "Bias", -23.2, "loss", 1.62443), sgd.values());
		assertFalse(parser.parse("Total training time: 0.01 seconds.").hasMetrics());
	}

	@Test
	void aSplitWrittenAsAWordOfItsOwnStaysInTheName() {
		// hand-written loops print the split as a word: without it, a line's two losses were one metric and the
		// validation loss was lost
		MetricLineParser.Parsed colon = parser.parse("Epoch 1: train loss: 0.5000, val loss: 0.6000");
		assertEquals("epoch", colon.stepKey());
		assertEquals(List.of("train loss", "val loss"), List.copyOf(colon.values().keySet()));
		assertEquals(0.6, colon.values().get("val loss"));
		MetricLineParser.Parsed bars = parser.parse("Epoch 3 | Train Loss: 0.3 | Val Loss: 0.52 | Val Acc: 0.81");
		assertEquals(Map.of("Train Loss", 0.3, "Val Loss", 0.52, "Val Acc", 0.81), bars.values());
		MetricLineParser.Parsed equals = parser.parse("Epoch 5, Training loss = 0.1, Validation accuracy = 0.9, test f1=0.7");
		assertEquals(Map.of("Training loss", 0.1, "Validation accuracy", 0.9, "test f1", 0.7), equals.values());
		assertEquals(Map.of("Validation score", 0.061111), parser.parse("Validation score: 0.061111").values(),
				"scikit-learn's MLP with early_stopping");
		// other words before a name are not part of it
		assertEquals(Map.of("loss", 1.62443), parser.parse("Avg. loss: 1.624430").values());
		assertEquals(Map.of("loss", 0.3), parser.parse("contest loss: 0.3").values(), "a word that merely ends like one");
		assertEquals(Map.of("loss", 0.3), parser.parse("pretrain loss: 0.3").values());
		assertEquals(Map.of("loss", 0.3), parser.parse("val, loss: 0.3").values(), "only spaces between the two");
		assertEquals("step", parser.parse("val step=3 loss=0.2").stepKey(), "a step stays the step");
	}

	@Test
	void aTqdmBarsDescriptionHoldsMetricsButNoStep() {
		MetricLineParser.Parsed p = parser.parse("Epoch 0 loss: 1.9025:   3%|▎         | 1/30 [00:00<00:00, 449.79it/s]");
		assertEquals(Map.of("loss", 1.9025), p.values());
		assertNull(p.stepKey(), "the bar's count is the step, not the description's epoch");
		assertEquals(1.0, p.bar().n());
		assertEquals("Epoch 0 loss: 1.9025", p.bar().description());
		MetricLineParser.Parsed both = parser.parse("loss=0.5000:  50%|#####     | 15/30 [00:01<00:01, 9.80it/s, acc=0.8]");
		assertEquals(Map.of("acc", 0.8, "loss", 0.5), both.values());
		assertFalse(parser.parse("Training:  50%|#####     | 15/30 [00:01<00:01, 9.80it/s]").hasMetrics());
	}

	@Test
	void anEpochWithItsProgressInBracketsIsAFractionalEpoch() {
		// PyTorch's MNIST example: epoch 1, 640 of 60,000 samples
		MetricLineParser.Parsed mnist = parser.parse("Train Epoch: 1 [640/60000 (1%)]\tLoss: 2.214516");
		assertEquals("epoch", mnist.stepKey());
		assertEquals(1 + 640 / 60000.0, mnist.step(), 1e-12);
		assertEquals(Map.of("Loss", 2.214516), mnist.values());
		// the tutorials' "Epoch [1/5], Step [100/600], Loss: 0.2134"
		MetricLineParser.Parsed tutorial = parser.parse("Epoch [2/5], Step [100/600], Loss: 0.2134");
		assertEquals("epoch", tutorial.stepKey());
		assertEquals(2 + 100 / 600.0, tutorial.step(), 1e-12);
		assertEquals(Map.of("Loss", 0.2134), tutorial.values());
		// an epoch alone, with a colon or in brackets
		assertEquals(3.0, parser.parse("Epoch: 3, loss: 0.5").step());
		assertEquals(3.0, parser.parse("Epoch [3/10] loss=0.5").step());
		// its evaluation line: the split it is about names its values
		assertEquals(Map.of("Test loss", 0.0464),
				parser.parse("Test set: Average loss: 0.0464, Accuracy: 9848/10000 (98%)").values());
		assertEquals(Map.of("Validation loss", 0.1, "val acc", 0.9),
				parser.parse("Validation set: loss=0.1 val acc=0.9").values());
		// a step without its total is no fraction: the epoch stays whole
		assertEquals(2.0, parser.parse("Epoch [2/5], Step 100, Loss: 0.2").step());
	}

	@Test
	void anEpochAndTheStepWithinItInBracketsStartALine() {
		// PyTorch's CIFAR-10 tutorial: print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 2000:.3f}')
		MetricLineParser.Parsed cifar = parser.parse("[2,  4000] loss: 1.852");
		assertEquals("step", cifar.stepKey());
		assertEquals(4000.0, cifar.step());
		assertEquals(2.0, cifar.epoch());
		assertEquals(Map.of("loss", 1.852), cifar.values());
		assertEquals(Map.of("loss", 0.5, "acc", 0.9), parser.parse("[1,200] loss: 0.500 acc: 0.900").values());
		// a step that counts on has no epoch
		assertTrue(Double.isNaN(parser.parse("step=3 loss=0.5").epoch()));
		// not this form: XGBoost's round stays a round, a list of numbers is no step
		MetricLineParser.Parsed xgb = parser.parse("[3]\ttrain-logloss:0.19");
		assertEquals("round", xgb.stepKey());
		assertTrue(Double.isNaN(xgb.epoch()));
		MetricLineParser.Parsed list = parser.parse("[1, 2, 3] loss: 0.5");
		assertNull(list.stepKey());
		assertEquals(Map.of("loss", 0.5), list.values());
		assertNull(parser.parse("[1, 2]loss: 0.5").stepKey());
	}

	@Test
	void aValueFollowedByTheNextFieldAloneIsRead() {
		// print(f"epoch {e} loss: {loss:.4f} acc: {acc:.4f}"): only spaces between the fields
		MetricLineParser.Parsed p = parser.parse("epoch 3 loss: 0.4312 acc: 0.8710 lr=0.001");
		assertEquals(3.0, p.step());
		assertEquals(Map.of("loss", 0.4312, "acc", 0.871, "lr", 0.001), p.values());
		// a number followed by other words is no metric
		assertFalse(parser.parse("Time: 3 seconds").hasMetrics());
		assertFalse(parser.parse("Accuracy of the network on the 10000 test images: 54 %").hasMetrics());
		assertFalse(parser.parse("Found: 3 files").hasMetrics());
	}

	@Test
	void nameAndNumberApartBySpaceAfterTheStepAreMetrics() {
		// nanoGPT
		MetricLineParser.Parsed nano = parser.parse("iter 100: loss 2.3456, time 123.45ms, mfu 12.34%");
		assertEquals("iter", nano.stepKey());
		assertEquals(100.0, nano.step());
		assertEquals(Map.of("loss", 2.3456, "mfu", 12.34), nano.values(), "a per cent is a number, a time with its unit none");
		MetricLineParser.Parsed eval = parser.parse("step 250: train loss 1.9876, val loss 2.0123");
		assertEquals(250.0, eval.step());
		assertEquals(Map.of("train loss", 1.9876, "val loss", 2.0123), eval.values());
		// llm.c
		MetricLineParser.Parsed llmc = parser.parse("step    1/74 | train loss 4.283 | norm 9.6 | lr 1.0e-05 | (123.45 ms | 1234 tok/s)");
		assertEquals(1.0, llmc.step());
		assertEquals(Map.of("train loss", 4.283, "norm", 9.6, "lr", 1.0e-05), llmc.values());
		// fairseq
		MetricLineParser.Parsed fairseq = parser.parse("epoch 001 | loss 4.123 | ppl 17.42 | wps 12345 | lr 0.0005");
		assertEquals("epoch", fairseq.stepKey());
		assertEquals(Map.of("loss", 4.123, "ppl", 17.42, "wps", 12345.0, "lr", 0.0005), fairseq.values());
		assertEquals(List.of("loss nan"), parser.parse("iter 7: loss nan, lr 0.1").malformed());
		// text, not metrics: no step first, words after the number, the batch counter
		assertFalse(parser.parse("Loaded 50000 images, 10 classes").hasMetrics());
		assertFalse(parser.parse("step 3: processed 100 files, 2 skipped").hasMetrics());
		assertEquals(Map.of("loss", 0.5), parser.parse("Epoch 1, batch 200, loss 0.5").values());
	}

	@Test
	void averageMetersValueIsTheFirstNumberAndItsRunningAverageIsLeftOut() {
		// PyTorch's ImageNet example (ProgressMeter, AverageMeter), copied into many training scripts
		MetricLineParser.Parsed imagenet = parser.parse("Epoch: [0][  10/5005]\tTime  0.123 ( 0.456)\tData  0.010 ( 0.020)"
				+ "\tLoss 6.9077e+00 (6.9100e+00)\tAcc@1   0.00 (  0.10)\tAcc@5   0.39 (  0.49)");
		assertEquals("epoch", imagenet.stepKey());
		assertEquals(10 / 5005.0, imagenet.step(), 1e-12);
		assertEquals(Map.of("Time", 0.123, "Data", 0.01, "Loss", 6.9077, "Acc@1", 0.0, "Acc@5", 0.39), imagenet.values());
		// timm's train.py
		MetricLineParser.Parsed timm = parser.parse("Train: 0 [  50/1251 (  4%)]  Loss: 6.912 (6.93)  Time: 0.123s,"
				+ "  2081.30/s  (0.130s, 1969.23/s)  LR: 1.000e-03  Data: 0.010 (0.012)");
		assertEquals(Map.of("Loss", 6.912, "LR", 0.001, "Data", 0.01), timm.values());
		assertEquals(Map.of("Acc@1", 80.0), parser.parse("Test: [  50/196]  Acc@1: 80.0 (78.5)").values());
		// brackets that hold no number are no average: the value is text
		assertFalse(parser.parse("Epoch 1: loss 0.5 (best)").hasMetrics());
	}

	@Test
	void lightningsLoggerVersionInTheBarIsNoMetric() {
		MetricLineParser.Parsed p = parser.parse(
				"Epoch 0:  40%|####      | 20/50 [00:01<00:01, 19.50it/s, v_num=0, train_loss_step=0.532]");
		assertEquals(Map.of("train_loss_step", 0.532), p.values());
	}

	@Test
	void numbersWithUnitsClockTimesAndVersionsAreNotMalformed() {
		MetricLineParser.Parsed p = parser.parse("time=2.5s speed=21.9it/s mem=3GB at=00:01:02 version=1.2.3 date=2024-01-02");
		assertFalse(p.hasMetrics());
		assertEquals(List.of(), p.malformed());
	}
}
