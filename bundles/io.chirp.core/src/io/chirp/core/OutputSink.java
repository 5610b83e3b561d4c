package io.chirp.core;

/** Receives the complete lines a run printed, without their line terminator. */
@FunctionalInterface
public interface OutputSink {

	/**
	 * @param line   one whole line (never part of another thread's line)
	 * @param stderr whether it was printed to {@code System.err}
	 */
	void line(String line, boolean stderr);
}
