package io.chirp.core.run;

/** Life cycle of a run as the controller publishes it. */
public enum RunState {
	/** No run; Start is possible. */
	IDLE,
	/** Worker and receiver jobs are running. */
	RUNNING,
	/** Stop was requested; the receiver drains what the worker queued. */
	STOPPING
}
