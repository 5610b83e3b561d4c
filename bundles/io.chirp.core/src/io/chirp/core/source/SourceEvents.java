package io.chirp.core.source;

/** Where a {@link DataSource} reports what happens to it; safe to call from any thread. */
public interface SourceEvents {

	/** An event of the source (parsed metrics, process started or ended): the Worker console. */
	void event(String text);

	/** Something the user should look at (malformed values, a failed start): the Workbench console. */
	void problem(String text);

	/**
	 * Text the source's program printed: the run's Output console. Sources call this directly instead of printing,
	 * so the text arrives whatever thread reads it.
	 *
	 * @param line   one line, without its end
	 * @param stderr whether the program wrote it to its standard error
	 * @param redraw true when the line is being redrawn in place (a progress bar) and this is its current state
	 */
	void output(String line, boolean stderr, boolean redraw);

	/**
	 * Starts a run of its own, named {@code name}, reading {@code source}, beside this one: a broker subscription
	 * that sees several remote runs gives each its own run (its own jobs, model, recording, row in the Runs view).
	 * The new run ends when {@code source} returns null; this run's parameters are recorded with it.
	 *
	 * @throws UnsupportedOperationException where runs cannot be started (the default)
	 */
	default void startRun(String name, DataSource source) {
		throw new UnsupportedOperationException("this source's runs cannot start runs of their own");
	}
}
