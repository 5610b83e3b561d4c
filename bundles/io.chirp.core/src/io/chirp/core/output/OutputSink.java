package io.chirp.core.output;

/** Receives the complete lines a run printed, without their line terminator. */
@FunctionalInterface
public interface OutputSink {

	/**
	 * @param line   one whole line (never part of another thread's line)
	 * @param stderr whether it was printed to {@code System.err}
	 */
	void line(String line, boolean stderr);

	/**
	 * Several whole lines printed one after another to the same stream, in order. A sink that pays per call (a
	 * console document update) overrides this to take them at once; the default passes them on one by one.
	 */
	default void lines(java.util.List<String> lines, boolean stderr) {
		for (String line : lines) {
			line(line, stderr);
		}
	}

	/**
	 * The current state of a line that a program redraws in place (a progress bar): it replaces the previous state
	 * of that stream's redrawn line, and the line's final state follows as a normal {@link #line}. The default shows
	 * only final lines.
	 */
	default void redraw(String line, boolean stderr) {
	}

	/**
	 * One of Chirp's own notices about the output (lines dropped because the sink did not keep up). It is marked
	 * as such, not by its text: a sink that passes lines over under a flood keeps notices, and a program's line
	 * that merely looks like one is an ordinary line. The default shows it as a line.
	 */
	default void notice(String text, boolean stderr) {
		line(text, stderr);
	}
}
