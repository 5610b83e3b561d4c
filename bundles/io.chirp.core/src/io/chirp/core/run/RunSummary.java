package io.chirp.core.run;

import org.eclipse.core.runtime.IStatus;

/**
 * What a finished run did. {@code lost} counts samples produced but never received (missing sequence numbers
 * included); it must be 0.
 */
public record RunSummary(String runName, String sourceName, long durationNanos, long batches, long produced, long received,
		long lost, long metricPoints, IStatus status) {

	/** One line for the Workbench console. */
	public String describe() {
		return String.format("Run %s of %s %s after %.3f s: %d batches, %d samples produced, %d received, %s lost = %d",
				runName, sourceName, outcome(), durationNanos / 1e9, batches, produced, received,
				metricPoints > 0 ? metricPoints + " metric points," : "", lost);
	}

	private String outcome() {
		return switch (status.getSeverity()) {
		case IStatus.OK -> "ended";
		case IStatus.CANCEL -> "stopped";
		default -> "failed (" + status.getMessage() + ")";
		};
	}
}
