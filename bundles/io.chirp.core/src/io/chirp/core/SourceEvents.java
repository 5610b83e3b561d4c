package io.chirp.core;

/** Where a {@link DataSource} reports what happens to it; safe to call from any thread. */
public interface SourceEvents {

	/** An event of the source (parsed metrics, process started or ended): the Worker console. */
	void event(String text);

	/** Something the user should look at (malformed values, a failed start): the Workbench console. */
	void problem(String text);
}
