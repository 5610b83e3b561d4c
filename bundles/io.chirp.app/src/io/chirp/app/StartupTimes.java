package io.chirp.app;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * When Chirp reached each stage of its start, for the start-up benchmark: with the system property
 * {@value #REPORT_PROPERTY} set, Chirp prints the breakdown once the workbench has started and then quits.
 */
final class StartupTimes {

	static final String REPORT_PROPERTY = "chirp.startupReport";
	/** Epoch milliseconds when the launch script started (given by the start-up benchmark), if known. */
	static final String LAUNCH_PROPERTY = "chirp.launchMillis";

	private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
	private final long launchMillis = Long.getLong(LAUNCH_PROPERTY, jvmStartMillis);
	private final long applicationMillis = System.currentTimeMillis();
	private long windowOpenMillis;
	private boolean displayEarly;

	/** Whether the display was there before the application started ({@link EarlyDisplay}). */
	void displayFound(boolean early) {
		displayEarly = early;
	}

	void windowOpened() {
		if (windowOpenMillis == 0) {
			windowOpenMillis = System.currentTimeMillis();
		}
	}

	static boolean reportRequested() {
		return Boolean.getBoolean(REPORT_PROPERTY);
	}

	/**
	 * One line: the launch script until the JVM runs, JVM + OSGi until the application starts, workbench until the
	 * window is open, parts and startup; and whether the display was opened while the bundles started.
	 */
	String report() {
		long now = System.currentTimeMillis();
		return String.format(Locale.ROOT,
				"chirp-startup total=%d ms script=%d ms jvm+osgi=%d ms workbench+window=%d ms parts+startup=%d ms display=%s",
				now - launchMillis, jvmStartMillis - launchMillis, applicationMillis - jvmStartMillis,
				windowOpenMillis - applicationMillis, now - windowOpenMillis, displayEarly ? "early" : "workbench");
	}
}
