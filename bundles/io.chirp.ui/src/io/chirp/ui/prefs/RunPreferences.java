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

	private RunPreferences() {
	}

	/**
	 * The consoles' output limit: the stored value when it lies in [{@link #MIN_CONSOLE_LIMIT},
	 * {@link #MAX_CONSOLE_LIMIT}], else {@code fallback}.
	 */
	public static int consoleLimitChars(IEclipsePreferences node, int fallback) {
		int stored = node.getInt(CONSOLE_LIMIT, fallback);
		return stored >= MIN_CONSOLE_LIMIT && stored <= MAX_CONSOLE_LIMIT ? stored : fallback;
	}
}
