package io.chirp.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The last and the best value of each metric of several runs, side by side: the best is the minimum for a metric
 * whose name says it is to be made small ({@code loss}, {@code error}, {@code perplexity}...), else the maximum.
 */
public final class Comparison {

	/** One metric's figures in one run; NaN where the run has no such metric. */
	public record Figures(double last, double best, long points) {
		static final Figures NONE = new Figures(Double.NaN, Double.NaN, 0);
	}

	/** One metric, one {@link Figures} per run in the order given. */
	public record Row(String metric, boolean lowerIsBetter, List<Figures> runs) {
	}

	private Comparison() {
	}

	/** Whether a smaller value of {@code metric} is better (a loss, an error rate, a perplexity). */
	public static boolean lowerIsBetter(String metric) {
		String n = metric.toLowerCase(Locale.ROOT);
		return n.contains("loss") || n.contains("error") || n.contains("err") || n.contains("perplexity")
				|| n.contains("mse") || n.contains("mae") || n.contains("rmse") || n.contains("wer");
	}

	/** The rows of the metrics of {@code models}, in the order they first appear. */
	public static List<Row> of(List<RunModel> models) {
		Set<String> metrics = new LinkedHashSet<>();
		models.forEach(m -> metrics.addAll(m.metricNames()));
		List<Row> rows = new ArrayList<>();
		for (String metric : metrics) {
			boolean lower = lowerIsBetter(metric);
			List<Figures> figures = new ArrayList<>();
			for (RunModel model : models) {
				MetricSeries series = model.metricSeries(metric);
				figures.add(series == null ? Figures.NONE : figuresOf(series, lower));
			}
			rows.add(new Row(metric, lower, List.copyOf(figures)));
		}
		return rows;
	}

	private static Figures figuresOf(MetricSeries series, boolean lower) {
		double best = Double.NaN;
		double last = Double.NaN;
		for (SeriesBuffer segment : series.segments()) {
			SeriesBuffer.Decimation all = segment.all();
			for (int i = 0; i < all.points(); i++) {
				double v = all.values()[i];
				if (Double.isNaN(v)) {
					continue;
				}
				if (Double.isNaN(best) || (lower ? v < best : v > best)) {
					best = v;
				}
			}
			if (all.points() > 0) {
				last = all.values()[all.points() - 1];
			}
		}
		return new Figures(last, best, series.appendedCount());
	}
}
