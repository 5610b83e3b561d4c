package io.chirp.ui.charts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.chirp.core.text.MetricLineParser;

/**
 * Which metrics share a chart: a metric and its training/validation/evaluation/test counterparts ({@code loss} with
 * {@code val_loss}, {@code train-logloss} with {@code eval-logloss}, {@code train/acc} with {@code val/acc},
 * {@code valid_0/l2} alone as {@code l2}, {@code train loss} with {@code val loss} as printed by hand-written loops),
 * everything else a chart of its own. The key is the name without such a prefix or suffix ({@code _}, {@code -},
 * {@code /} or a space as separator, any case, a {@code _0} index allowed).
 */
public final class MetricGroups {

	private static final String SPLIT = "(?:" + String.join("|", MetricLineParser.SPLIT_WORDS) + ")(?:_\\d+)?";
	private static final Pattern PREFIX = Pattern.compile("^" + SPLIT + "[_\\-/ ]", Pattern.CASE_INSENSITIVE);
	private static final Pattern SUFFIX = Pattern.compile("[_\\-/ ]" + SPLIT + "$", Pattern.CASE_INSENSITIVE);

	private MetricGroups() {
	}

	/** The chart {@code metric} belongs on. */
	public static String groupOf(String metric) {
		String key = metric;
		String stripped = PREFIX.matcher(key).replaceFirst("");
		if (!stripped.isEmpty()) {
			key = stripped;
		}
		stripped = SUFFIX.matcher(key).replaceFirst("");
		return stripped.isEmpty() ? key : stripped;
	}

	/**
	 * The groups of {@code metrics} in the order their first metric appeared, each with its metrics in order. Keys
	 * that differ only in case are one group ({@code Loss} of the training lines, {@code Test loss} of the test
	 * line), named as first spelled.
	 */
	public static Map<String, List<String>> group(List<String> metrics) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		Map<String, String> spelling = new HashMap<>();
		for (String metric : metrics) {
			String key = groupOf(metric);
			String title = spelling.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> key);
			groups.computeIfAbsent(title, g -> new ArrayList<>()).add(metric);
		}
		return groups;
	}
}
