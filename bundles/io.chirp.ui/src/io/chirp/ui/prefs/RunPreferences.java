package io.chirp.ui.prefs;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/**
 * Chirp's preferences node {@link #NODE} (inject it with {@code @Preference(nodePath = RunPreferences.NODE)}): the
 * consoles' limit here, each source's remembered values through {@link SourceMemory}.
 */
public final class RunPreferences {

	public static final String NODE = "io.chirp.ui";
	/** Output limit of each console in characters; read at start-up. */
	public static final String CONSOLE_LIMIT = "console.limitChars";
	public static final int MIN_CONSOLE_LIMIT = 10_000;
	public static final int MAX_CONSOLE_LIMIT = 100_000_000;

	/** The runs folder: where every run is recorded, and listed from at start-up. */
	public static final String RUNS_FOLDER = "runs.folder";
	/** A system property naming the runs folder when the preference is not set (tests, a second Chirp). */
	public static final String RUNS_FOLDER_PROPERTY = "chirp.runs";

	/** The most characters a console is given per flush (~50 ms); beyond it lines are passed over and counted. */
	public static final String CONSOLE_FLOOD_BOUND = "console.floodBoundChars";
	public static final int MIN_FLOOD_BOUND = 16 * 1024;
	public static final int MAX_FLOOD_BOUND = 16 * 1024 * 1024;
	/** Whether a console view wraps long lines when Chirp opens it (each view's toolbar button still toggles it). */
	public static final String CONSOLE_WORD_WRAP = "console.wordWrap";

	/** The seconds the chart shows while it follows the live edge. */
	public static final String CHART_FOLLOW_SECONDS = "chart.followSeconds";
	public static final int DEFAULT_FOLLOW_SECONDS = 5;
	public static final int MAX_FOLLOW_SECONDS = 3600;
	/** The most frames a second the signal chart draws (metric charts draw at most 20). */
	public static final String CHART_FRAMES_PER_SECOND = "chart.framesPerSecond";
	public static final int DEFAULT_FRAMES_PER_SECOND = 60;
	public static final int MAX_FRAMES_PER_SECOND = 120;
	/** The width of the signal's line, in pixels. */
	public static final String CHART_LINE_WIDTH = "chart.lineWidth";
	public static final int DEFAULT_LINE_WIDTH = 1;
	public static final int MAX_LINE_WIDTH = 5;

	private RunPreferences() {
	}

	/** The stored whole number of {@code key} when it lies in [{@code min}, {@code max}], else {@code fallback}. */
	public static int intIn(IEclipsePreferences node, String key, int min, int max, int fallback) {
		int stored = node.getInt(key, fallback);
		return stored >= min && stored <= max ? stored : fallback;
	}

	/** The runs folder: the preference, else {@value #RUNS_FOLDER_PROPERTY}, else {@code ~/.chirp/runs}. */
	public static java.nio.file.Path runsFolder(IEclipsePreferences node) {
		String stored = node.get(RUNS_FOLDER, "").strip();
		if (stored.isEmpty()) {
			stored = System.getProperty(RUNS_FOLDER_PROPERTY, "").strip();
		}
		try {
			if (!stored.isEmpty()) {
				return java.nio.file.Path.of(stored);
			}
		} catch (java.nio.file.InvalidPathException e) {
			// a value edited by hand that names no path: the default below
		}
		return java.nio.file.Path.of(System.getProperty("user.home"), ".chirp", "runs");
	}

	/**
	 * The consoles' output limit: the stored value when it lies in [{@link #MIN_CONSOLE_LIMIT},
	 * {@link #MAX_CONSOLE_LIMIT}], else {@code fallback}.
	 */
	public static int consoleLimitChars(IEclipsePreferences node, int fallback) {
		int stored = node.getInt(CONSOLE_LIMIT, fallback);
		return stored >= MIN_CONSOLE_LIMIT && stored <= MAX_CONSOLE_LIMIT ? stored : fallback;
	}

	/**
	 * What is wrong with a stored output limit (a preference file edited by hand), in words for the Workbench
	 * console; null when it is valid or not set.
	 */
	public static String consoleLimitProblem(IEclipsePreferences node, int fallback) {
		String stored = node.get(CONSOLE_LIMIT, null);
		if (stored == null) {
			return null;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(stored.strip());
		} catch (NumberFormatException e) {
			parsed = -1;
		}
		if (parsed >= MIN_CONSOLE_LIMIT && parsed <= MAX_CONSOLE_LIMIT) {
			return null;
		}
		return String.format(java.util.Locale.ROOT,
				"The preference %s = '%s' is not a number from %,d to %,d: the consoles keep %,d characters each (Window > Preferences > Chirp > Consoles sets it).",
				CONSOLE_LIMIT, stored, MIN_CONSOLE_LIMIT, MAX_CONSOLE_LIMIT, fallback);
	}
}
