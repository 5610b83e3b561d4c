package io.chirp.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * When Chirp reached each stage of its start, for the start-up benchmark: with the system property
 * {@value #REPORT_PROPERTY} set, Chirp prints the breakdown once the workbench has started and then quits.
 */
final class StartupTimes {

	static final String REPORT_PROPERTY = "chirp.startupReport";

	private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
	private final long applicationMillis = System.currentTimeMillis();
	private long windowOpenMillis;

	void windowOpened() {
		if (windowOpenMillis == 0) {
			windowOpenMillis = System.currentTimeMillis();
		}
	}

	static boolean reportRequested() {
		return Boolean.getBoolean(REPORT_PROPERTY);
	}

	/** One line: JVM + OSGi until the application starts, workbench until the window is open, parts and startup. */
	String report() {
		long now = System.currentTimeMillis();
		return String.format(Locale.ROOT,
				"chirp-startup total=%d ms jvm+osgi=%d ms workbench+window=%d ms parts+startup=%d ms",
				now - jvmStartMillis, applicationMillis - jvmStartMillis, windowOpenMillis - applicationMillis,
				now - windowOpenMillis);
	}
}
