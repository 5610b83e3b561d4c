package io.chirp.core.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.ProgressBar;

/**
 * Turns the lines of one run's output into metric points, remembering what one line alone cannot say: the last step
 * a line named (lines without one belong to it), where each progress bar stands across bars (the bar of
 * {@code Epoch 2} continues the count where that of {@code Epoch 1} ended), the metric names seen (at most
 * {@link #MAX_METRIC_NAMES}), and each metric's last x (a step that goes back starts a new segment, which is said).
 * A line that cannot be read is counted and reported; reading goes on. Used by one thread at a time.
 */
public final class MetricReader {

	/** Distinct metric names kept per run: a model logging every layer's gradient norm must not grow memory without bound. */
	public static final int MAX_METRIC_NAMES = 200;
	/** The x axis of a progress bar's metrics: its iterations, counted on across bars. */
	public static final String BAR_AXIS = "step";
	/** The x axis of lines that name no step in a file: the line number (a finished log has no clock). */
	public static final String LINE_AXIS = "line";

	/**
	 * What one line gave.
	 *
	 * @param points    metric points, in the order of the line
	 * @param malformed values that were meant as numbers and are none ({@code loss=nan})
	 * @param notes     what the Worker console should say (a step went back)
	 * @param problems  what the user should look at (too many metric names, a line that could not be read)
	 */
	public record Reading(List<MetricPoint> points, List<String> malformed, List<String> notes, List<String> problems) {
	}

	private static final Reading NOTHING = new Reading(List.of(), List.of(), List.of(), List.of());

	/** One metric: its last x, and its value in the last bar state that showed it. */
	private static final class Track {
		double lastX;
		double lastBarValue = Double.NaN;
		/** Its last x on the bar axis. */
		double lastBarX = Double.NEGATIVE_INFINITY;
	}

	/** One kind of bar (its description without digits): where its count stands. */
	private static final class BarTrack {
		double offset;
		double lastN = Double.NaN;
		double lastTotal = Double.NaN;
		/** The last state was a redraw: the next one is on the same terminal line. */
		boolean lineOpen;
		/** States with new postfix values since the count last moved. */
		int newValuesAtCount;
	}

	private final MetricLineParser parser = new MetricLineParser();
	private final String fallbackAxis;
	private String lastStepKey;
	private double lastStep = Double.NaN;
	/** What is known of each metric accepted so far, in the order the names first appeared. */
	private final Map<String, Track> tracks = new LinkedHashMap<>();
	private final Map<String, BarTrack> bars = new HashMap<>();
	private String lastDescription;
	private double lastTotal = Double.NaN;
	private BarTrack lastTrack;
	/** {@code Epoch 2/10} on a line of its own (Keras): the description of the bars that follow. */
	private String epochContext = "";
	private final String[] lastRedraw = new String[2];
	private ProgressBar activeBar;
	/** LightGBM's "best iteration is:" announces a repeat of an earlier round: not new points. */
	private boolean repeatAnnounced;
	/** The furthest step a metric point was placed at ({@link #BAR_AXIS}), NaN while none: the run's metrics are drawn against steps. */
	private double stepReached = Double.NaN;
	/** Steps counted within epochs ({@code [2,  4000]}): the epoch of the last such line, NaN while none. */
	private double stepsEpoch = Double.NaN;
	/** Where that epoch's steps start on the step axis: the steps the epochs before it reached. */
	private double stepsEpochOffset;
	/** The furthest step within that epoch a line named. */
	private double stepsEpochReached;
	private long lines;
	private long malformedValues;
	private long barsSeen;
	private long droppedNameValues;
	private long failures;

	/** @param fallbackAxis the axis of lines when no step was named yet: {@link MetricPoint#TIME_AXIS} or {@link #LINE_AXIS} */
	public MetricReader(String fallbackAxis) {
		this.fallbackAxis = fallbackAxis;
	}

	/**
	 * Reads one line or one state of a redrawn line.
	 *
	 * @param stream    0 for stdout, 1 for stderr (each has its own redrawn line)
	 * @param fallbackX x for lines when no step was named yet (seconds since the start, or the line number)
	 */
	public Reading read(String text, boolean redraw, int stream, double fallbackX) {
		if (!redraw) {
			lines++;
		}
		if (!redraw && text.equals(lastRedraw[stream])) {
			// the final state of a redrawn line, already read as its last redraw
			lastRedraw[stream] = null;
			activeBar = null;
			return NOTHING;
		}
		lastRedraw[stream] = redraw ? text : null;
		try {
			return interpret(text, parser.parse(text), redraw, fallbackX);
		} catch (RuntimeException | StackOverflowError e) {
			failures++;
			return new Reading(List.of(), List.of(), List.of(),
					List.of(String.format(Locale.ROOT, "line %,d could not be read (%s); reading goes on", lines, e)));
		}
	}

	private Reading interpret(String text, MetricLineParser.Parsed parsed, boolean redraw, double fallbackX) {
		boolean repeat = repeatAnnounced && MetricLineParser.ROUND_KEY.equals(parsed.stepKey());
		repeatAnnounced = !redraw && containsIgnoringCase(text, "best iteration is");
		if (repeat) {
			return NOTHING;
		}
		List<String> malformed = parsed.malformed();
		malformedValues += malformed.size();
		ProgressBar bar = parsed.bar();
		String axis;
		double x;
		Map<String, Double> values = parsed.values();
		boolean atBarCount = bar != null && parsed.stepKey() == null; // x is the bar's count, not a step it named
		if (bar != null) {
			if (bar.description().isEmpty() && !epochContext.isEmpty()) {
				bar = new ProgressBar(epochContext, bar.n(), bar.total(), bar.rate(), bar.eta());
			}
			double position = barPosition(bar, redraw);
			activeBar = redraw || !bar.complete() ? bar : null;
			if (atBarCount) {
				axis = BAR_AXIS;
				x = position + stepsSinceTheCountMoved(bar, values);
			} else {
				axis = parsed.stepKey();
				x = parsed.step();
			}
			lastStepKey = axis;
			lastStep = x;
		} else {
			// "epoch 2: val_loss=0.3" in a run whose metrics are at steps (a tqdm bar's loss, step=...): at the step
			// its metrics reached, on the loss's axis (not at the last bar state's count: an outer bar over epochs
			// is redrawn around tqdm.write's line); at x = 2 on a chart of steps 0-170 it would sit on the y axis. A
			// run whose metrics all name their epoch (Hugging Face's dicts) keeps the epoch axis
			boolean epochAmongSteps = "epoch".equals(parsed.stepKey()) && !Double.isNaN(stepReached);
			if (parsed.stepKey() != null && !epochAmongSteps) {
				lastStepKey = parsed.stepKey();
				lastStep = Double.isNaN(parsed.epoch()) ? parsed.step() : stepCountedOn(parsed.epoch(), parsed.step());
			}
			if (parsed.stepKey() != null) {
				if (values.isEmpty() && parsed.stepKey().equals("epoch")) {
					String line = text.strip();
					epochContext = line.length() <= 40 ? line : "Epoch " + format(parsed.step());
				}
			}
			if (epochAmongSteps) {
				axis = BAR_AXIS;
				x = stepReached;
			} else {
				axis = lastStepKey != null ? lastStepKey : fallbackAxis;
				x = lastStepKey != null ? lastStep : fallbackX;
			}
		}
		if (values.isEmpty() && malformed.isEmpty()) {
			return NOTHING;
		}
		List<MetricPoint> points = new ArrayList<>(values.size());
		List<String> wentBack = null;
		List<String> problems = List.of();
		for (Map.Entry<String, Double> e : values.entrySet()) {
			String name = e.getKey();
			double value = e.getValue();
			Track track = tracks.get(name);
			boolean first = track == null;
			if (first) {
				if (tracks.size() >= MAX_METRIC_NAMES) {
					if (droppedNameValues++ == 0) {
						problems = List.of(String.format(Locale.ROOT,
								"more than %d metric names: values of further names (first: %s) are counted, not kept",
								MAX_METRIC_NAMES, name));
					}
					continue;
				}
				track = new Track();
				tracks.put(name, track);
			}
			if (bar != null) {
				// tqdm redraws the bar when its count moves, with the postfix of the step before (the loss is set
				// after the step), and again when the postfix is set: the repeated old value at the new count is
				// not a measurement, and taking it would draw a staircase
				boolean repeated = value == track.lastBarValue;
				track.lastBarValue = value;
				if (repeated) {
					continue;
				}
			}
			if (atBarCount) {
				// a count estimated one step too far (a postfix set twice a step) is not a step going back
				x = Math.max(x, track.lastBarX);
				track.lastBarX = x;
			}
			if (!first && x < track.lastX) {
				if (wentBack == null) {
					wentBack = new ArrayList<>();
				}
				wentBack.add(name);
			}
			track.lastX = x;
			points.add(new MetricPoint(name, axis, x, value));
			if (BAR_AXIS.equals(axis) && !(x <= stepReached)) {
				stepReached = x;
			}
		}
		if (points.isEmpty() && malformed.isEmpty() && problems.isEmpty()) {
			return NOTHING;
		}
		List<String> notes = List.of();
		if (wentBack != null) {
			notes = List.of(String.format(Locale.ROOT, "%s went back to %s for %s: a new segment starts", axis, format(x),
					wentBack.size() <= 5 ? String.join(", ", wentBack) : wentBack.size() + " metrics"));
		}
		return new Reading(points, malformed, notes, problems);
	}

	/**
	 * Where step {@code step} of epoch {@code epoch} stands when each epoch counts its steps from 1 again: after
	 * the furthest step the epochs before it named. That is where their last line was, not where they ended (the
	 * tutorial prints every 2,000 steps of 12,500): the next epoch's points may stand up to one printing interval
	 * early, never on top of the last one's. An epoch lower than the last starts the count again.
	 */
	private double stepCountedOn(double epoch, double step) {
		if (epoch != stepsEpoch) {
			// a later epoch counts on; an earlier one is a new training in the same output, which starts again
			stepsEpochOffset = epoch > stepsEpoch ? stepsEpochOffset + stepsEpochReached : 0;
			stepsEpoch = epoch;
			stepsEpochReached = 0;
		}
		stepsEpochReached = Math.max(stepsEpochReached, step);
		return stepsEpochOffset + step;
	}

	/**
	 * How many steps past its count a bar state stands. tqdm draws the bar again each time the postfix is set (every
	 * step, in most loops) but moves the count it shows only every {@code mininterval} (0.1 s by default): at 200
	 * steps a second, twenty states with twenty new losses show the same count. Each state with new values after the
	 * first at that count is taken as the next step, never past the bar's end; the count resets it when it moves.
	 */
	private int stepsSinceTheCountMoved(ProgressBar bar, Map<String, Double> values) {
		boolean newValues = false;
		for (Map.Entry<String, Double> e : values.entrySet()) {
			Track track = tracks.get(e.getKey());
			if (track == null || e.getValue() != track.lastBarValue) {
				newValues = true;
				break;
			}
		}
		if (!newValues) {
			return 0;
		}
		BarTrack track = lastTrack;
		int steps = track.newValuesAtCount++;
		return bar.total() > 0 ? (int) Math.max(0, Math.min(steps, bar.total() - 1 - bar.n())) : steps;
	}

	/** Where a bar state stands on the bar axis; starts a new bar when the count went back or a complete bar is drawn again. */
	private double barPosition(ProgressBar bar, boolean redraw) {
		// bars of one kind: same description but for its numbers, same total (an evaluation bar is another kind);
		// a bar is redrawn thousands of times with the same description, so its kind is worked out once
		if (!bar.description().equals(lastDescription) || bar.total() != lastTotal && !Double.isNaN(bar.total())) {
			lastDescription = bar.description();
			lastTotal = bar.total();
			lastTrack = bars.computeIfAbsent(kindOf(bar), k -> new BarTrack());
		}
		BarTrack track = lastTrack;
		boolean first = Double.isNaN(track.lastN);
		boolean restarted = !first && (bar.n() < track.lastN
				|| !track.lineOpen && track.lastTotal > 0 && track.lastN >= track.lastTotal);
		if (restarted) {
			// where the bar got to: its last count, and the steps past it its last states showed (a bar that is
			// cleared when done, tqdm's leave=False, never shows its full count)
			double reached = track.lastN + track.newValuesAtCount;
			track.offset += track.lastTotal > 0 ? Math.min(reached, Math.max(track.lastN, track.lastTotal)) : reached;
		}
		if (first || restarted) {
			barsSeen++;
		}
		if (first || restarted || bar.n() != track.lastN) {
			track.newValuesAtCount = 0;
		}
		track.lastN = bar.n();
		track.lastTotal = bar.total();
		track.lineOpen = redraw;
		return track.offset + bar.n();
	}

	/** The description with each run of digits as {@code #}, and the total: {@code Epoch #|57.0}. */
	private static String kindOf(ProgressBar bar) {
		StringBuilder kind = new StringBuilder(bar.description().length() + 8);
		String d = bar.description();
		for (int i = 0; i < d.length(); i++) {
			char c = d.charAt(i);
			if (c >= '0' && c <= '9') {
				if (kind.isEmpty() || kind.charAt(kind.length() - 1) != '#') {
					kind.append('#');
				}
			} else {
				kind.append(c);
			}
		}
		return kind.append('|').append(bar.total()).toString();
	}

	/** Whether {@code text} holds {@code word} (lower case) in any case, without copying the text. */
	private static boolean containsIgnoringCase(String text, String word) {
		for (int i = text.indexOf(' '); i >= 0 && i + word.length() < text.length(); i = text.indexOf(' ', i + 1)) {
			if (text.regionMatches(true, i + 1, word, 0, word.length())) {
				return true;
			}
		}
		return text.regionMatches(true, 0, word, 0, word.length());
	}

	private static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : Double.toString(v);
	}

	/** The bar being drawn now, or null between bars. */
	public ProgressBar activeBar() {
		return activeBar;
	}

	/** Lines read (a redrawn line counts once). */
	public long lines() {
		return lines;
	}

	public long malformedValues() {
		return malformedValues;
	}

	/** Progress bars seen (a bar redrawn many times counts once). */
	public long barsSeen() {
		return barsSeen;
	}

	/** Values dropped because their name came after {@link #MAX_METRIC_NAMES} others. */
	public long droppedNameValues() {
		return droppedNameValues;
	}

	/** Lines that could not be read. */
	public long failures() {
		return failures;
	}

	/** The metric names kept, in the order they first appeared. */
	public List<String> metricNames() {
		return List.copyOf(tracks.keySet());
	}
}
