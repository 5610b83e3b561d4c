package io.chirp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
		assertTrue(broken.malformed().get(0).startsWith("JSON: missing value"), broken.malformed().toString());
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
}
