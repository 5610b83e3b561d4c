package io.chirp.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The last and the best value of each metric of several runs, side by side: the best is the minimum for a metric
 * whose name says it is to be made small ({@code loss}, {@code error}, {@code perplexity}...), the maximum for one
 * to be made large ({@code accuracy}, {@code f1}, {@code auc}, samples per second...), and there is none for the
 * rest: a learning rate, a gradient norm, an epoch or a memory figure has no best, and a maximum shown as the best
 * would mislead.
 */
public final class Comparison {

	/** One metric's figures in one run; NaN where the run has no such metric. */
	public record Figures(double last, double best, long points) {
		static final Figures NONE = new Figures(Double.NaN, Double.NaN, 0);
	}

	/** One metric, one {@link Figures} per run in the order given. */
	public record Row(String metric, Goal goal, List<Figures> runs) {
	}

	/** Which way a metric's values get better, as its name says. */
	public enum Goal {
		LOWER, HIGHER, NONE
	}

	/** Words of a name that say smaller is better (besides any containing loss, error or perplexity). */
	private static final Set<String> LOWER_WORDS = Set.of("err", "ppl", "mse", "mae", "rmse", "mape", "rmsle", "nll",
			"l1", "l2", "huber", "wer", "cer", "ter", "fid", "regret");
	/** Words of a name that say larger is better. */
	private static final Set<String> HIGHER_WORDS = Set.of("acc", "acc1", "acc5", "accuracy", "top1", "top5", "f1",
			"fscore", "precision", "recall", "auc", "aucpr", "roc", "pr", "bleu", "rouge", "rouge1", "rouge2", "rougel",
			"meteor", "map", "iou", "miou", "dice", "r2", "ndcg", "mrr", "hit", "hits", "reward", "return", "score",
			"mcc", "kappa", "psnr", "ssim", "throughput");

	private Comparison() {
	}

	/**
	 * Which way {@code metric} gets better, from the words of its name ({@code val_loss}: loss, lower;
	 * {@code eval/accuracy_top1}: higher; {@code train_samples_per_second}: a rate per second, higher;
	 * {@code learning_rate}: none).
	 */
	public static Goal goalOf(String metric) {
		String name = metric.toLowerCase(Locale.ROOT);
		if (name.contains("loss") || name.contains("error") || name.contains("perplexity")) {
			return Goal.LOWER;
		}
		List<String> words = List.of(name.split("[^\\p{L}\\p{N}]+"));
		if (words.stream().anyMatch(LOWER_WORDS::contains)) {
			return Goal.LOWER;
		}
		int per = words.indexOf("per");
		boolean perSecond = per >= 0 && per + 1 < words.size() && words.get(per + 1).matches("s|sec|second|seconds");
		if (perSecond || words.stream().anyMatch(HIGHER_WORDS::contains)) {
			return Goal.HIGHER;
		}
		return Goal.NONE;
	}

	/** The rows of the metrics of {@code models}, in the order they first appear. */
	public static List<Row> of(List<RunModel> models) {
		Set<String> metrics = new LinkedHashSet<>();
		models.forEach(m -> metrics.addAll(m.metricNames()));
		List<Row> rows = new ArrayList<>();
		for (String metric : metrics) {
			Goal goal = goalOf(metric);
			List<Figures> figures = new ArrayList<>();
			for (RunModel model : models) {
				MetricSeries series = model.metricSeries(metric);
				figures.add(series == null ? Figures.NONE : figuresOf(series, goal));
			}
			rows.add(new Row(metric, goal, List.copyOf(figures)));
		}
		return rows;
	}

	/** The last value and, where the goal says which, the best; NaN where there is none. */
	private static Figures figuresOf(MetricSeries series, Goal goal) {
		boolean lower = goal == Goal.LOWER;
		double best = Double.NaN;
		double last = Double.NaN;
		for (SeriesBuffer segment : series.segments()) {
			SeriesBuffer.Decimation all = segment.all();
			for (int i = 0; goal != Goal.NONE && i < all.points(); i++) {
				double v = all.values()[i];
				if (!Double.isNaN(v) && (Double.isNaN(best) || (lower ? v < best : v > best))) {
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
