package io.chirp.ui.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chirp.core.run.Run;

/** The Runs view's columns: title, width, the text of a run's cell, and the order the column sorts by. */
public enum RunColumns {
	NAME("Name", 150, Run::name, Comparator.comparing(Run::name, String.CASE_INSENSITIVE_ORDER)),
	SOURCE("Source", 80, Run::sourceLabel, Comparator.comparing(r -> String.valueOf(r.sourceLabel()))),
	STATE("State", 80, RunColumns::state, Comparator.comparing(r -> r.status().label())),
	STARTED("Started", 110, r -> started(r.startEpochMillis()), Comparator.comparingLong(Run::startEpochMillis)),
	DURATION("Duration", 70, r -> duration(r.durationMillis()), Comparator.comparingLong(Run::durationMillis)),
	POINTS("Points", 80, r -> String.format(Locale.ROOT, "%,d", r.metricPoints()), Comparator.comparingLong(Run::metricPoints)),
	METRICS("Last values", 220, RunColumns::lastValues, Comparator.comparing(RunColumns::lastValues)),
	EXIT("Exit", 40, r -> r.exitCode() == null ? "" : r.exitCode().toString(),
			Comparator.comparing(r -> r.exitCode() == null ? Integer.MIN_VALUE : r.exitCode()));

	/** How many metrics the Last values column names: the main ones, in the order they appeared. */
	static final int MAIN_METRICS = 3;
	private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
	private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	final String title;
	final int width;
	final Function<Run, String> text;
	final Comparator<Run> order;

	RunColumns(String title, int width, Function<Run, String> text, Comparator<Run> order) {
		this.title = title;
		this.width = width;
		this.text = text;
		this.order = order;
	}

	private static String state(Run run) {
		StringBuilder s = new StringBuilder(run.status().label());
		if (run.recordingProblem() != null) {
			s.append(", not recorded");
		}
		return s.toString();
	}

	static String started(long epochMillis) {
		if (epochMillis <= 0) {
			return "";
		}
		var at = Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault());
		return (at.toLocalDate().equals(LocalDate.now()) ? TODAY : EARLIER).format(at);
	}

	static String duration(long millis) {
		long s = millis / 1000;
		return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
				: String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
	}

	/** The last value of the run's first few metrics: {@code loss 0.123, acc 0.91}. */
	static String lastValues(Run run) {
		Map<String, Double> last = run.lastValues();
		return last.entrySet().stream().limit(MAIN_METRICS)
				.map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue()))
				.collect(Collectors.joining(", "));
	}

	/** The run's problems and where it is recorded, for the row's tooltip. */
	static String details(Run run) {
		StringBuilder s = new StringBuilder(run.name()).append(" (").append(run.status().label()).append(')');
		run.spec().parameters().forEach((k, v) -> s.append('\n').append(k).append(": ").append(v));
		if (run.problem() != null) {
			s.append('\n').append(run.problem());
		}
		if (run.recordingProblem() != null) {
			s.append('\n').append(run.recordingProblem());
		}
		s.append('\n').append(run.folder() == null ? "not recorded" : "recorded in " + run.folder());
		return s.toString();
	}
}
