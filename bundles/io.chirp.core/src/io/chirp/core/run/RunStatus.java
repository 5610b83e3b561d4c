package io.chirp.core.run;

/** Where one run stands, as the Runs view shows it. */
public enum RunStatus {
	/** Its jobs are running. */
	RUNNING("running"),
	/** Stop was asked for; the receiver takes what the worker queued. */
	STOPPING("stopping"),
	/** Its source ended by itself (a program exited with 0, a log was read to its end). */
	FINISHED("finished"),
	/** Stopped by the user (or by shutdown). */
	STOPPED("stopped"),
	/** Its source or a job failed (a program's non-zero exit code among them). */
	FAILED("failed"),
	/** Recorded as running by a Chirp that did not end it: killed, crashed, or the machine went down. */
	INTERRUPTED("interrupted"),
	/** Its recording cannot be read (truncated, unreadable, from a newer Chirp). */
	DAMAGED("damaged");

	private final String label;

	RunStatus(String label) {
		this.label = label;
	}

	/** The word written in a run's metadata and shown in the Runs view. */
	public String label() {
		return label;
	}

	public boolean isLive() {
		return this == RUNNING || this == STOPPING;
	}

	/** The status whose {@link #label()} is {@code label}, or null. */
	public static RunStatus ofLabel(String label) {
		for (RunStatus s : values()) {
			if (s.label.equals(label)) {
				return s;
			}
		}
		return null;
	}
}
