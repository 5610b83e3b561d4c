package io.chirp.core.source;

/**
 * Thrown by a source when what it reads ended in failure (a program's non-zero exit code, a remote run's failure
 * status): the run ends as failed with this message. It is the watched program's failure, not Chirp's, so it is said
 * without a stack trace and without a dialog (the Runs view, the status line and the Progress view show it).
 */
public class SourceFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SourceFailedException(String message) {
		super(message);
	}
}
