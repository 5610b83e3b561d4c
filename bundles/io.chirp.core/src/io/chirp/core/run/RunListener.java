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

	/** The state of all runs together changed ({@link RunController#state()}). */
	default void stateChanged(RunState state) {
	}

	/** A run was started (its jobs are scheduled). */
	default void runStarted(Run run) {
	}

	/** A run's name, status or recording changed. */
	default void runChanged(Run run) {
	}

	default void message(Source source, String text) {
	}

	/**
	 * After the receiver stored a batch in the model: called once per batch on the receiver's thread, so an
	 * implementation must only note that there is something new (a UI coalesces this into frames).
	 */
	default void batchStored(RunModel model) {
	}

	/** After both jobs of a run have ended (and its recording is on disk). */
	default void runEnded(RunSummary summary) {
	}
}
