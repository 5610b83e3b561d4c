package io.chirp.testsource;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;
import io.chirp.core.source.SourceParameter.Kind;
import io.chirp.core.source.SourceParameter;

/**
 * A source as a third party would add one: it counts to N, a metric point and an output line per step, then ends.
 * Its parameter page has a number and a word, and refuses a count below 1.
 */
public final class CountingSourceFactory implements DataSourceFactory {

	public static final String ID = "io.chirp.testsource";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String label() {
		return "Counter";
	}

	@Override
	public String description() {
		return "Counts to N: a test source contributed through Declarative Services only.";
	}

	@Override
	public String iconURI() {
		return null;
	}

	@Override
	public int rank() {
		return 50;
	}

	@Override
	public List<SourceParameter> parameters() {
		return List.of(new SourceParameter("count", "Count to", Kind.NUMBER, "5", "How many steps"),
				new SourceParameter("word", "Word", Kind.TEXT, "tick", "Printed with each step"));
	}

	@Override
	public DataSource create(Map<String, String> values) {
		String typed = values.getOrDefault("count", "5").strip();
		int count;
		try {
			count = Integer.parseInt(typed);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("Count to: '" + typed + "' is not a whole number.");
		}
		if (count < 1) {
			throw new IllegalArgumentException("Count to: " + count + " is invalid: count to 1 at least.");
		}
		String word = values.getOrDefault("word", "tick");
		return new DataSource() {
			private SourceEvents events;

			@Override
			public void open(SourceEvents sourceEvents) {
				events = sourceEvents;
			}

			@Override
			public String name() {
				return "Counter to " + count;
			}

			@Override
			public double sampleRateHz() {
				return Double.NaN;
			}

			@Override
			public RawBatch next(long sequence, BooleanSupplier cancelled) {
				if (sequence >= count) {
					return null;
				}
				events.output(word + " " + (sequence + 1), false, false);
				return RawBatch.ofMetrics(sequence, List.of(new MetricPoint("counted", "step", sequence + 1, sequence + 1)));
			}
		};
	}
}
