package io.chirp.core.run;

import io.chirp.core.model.RunModel;

/**
 * Receives what a {@link RunController} publishes. Called on the jobs' threads: a UI must hand the calls over
 * to its own thread (and should coalesce them).
 */
public interface RunListener {

	/** Where a message comes from: one console per source. */
	enum Source {
		WORKER, RECEIVER, CONTROLLER
	}

	default void stateChanged(RunState state) {
	}

	default void message(Source source, String text) {
	}

	/**
	 * After the receiver stored a batch in the model: called once per batch on the receiver's thread, so an
	 * implementation must only note that there is something new (a UI coalesces this into frames).
	 */
	default void batchStored(RunModel model) {
	}

	/** After both jobs have ended; {@link #stateChanged} with {@link RunState#IDLE} follows. */
	default void runEnded(RunSummary summary) {
	}
}
