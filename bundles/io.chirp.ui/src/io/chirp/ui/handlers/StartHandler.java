package io.chirp.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

/**
 * Starts a run. The run pipeline (io.chirp.core) is not wired to the workbench yet, so the command exists but
 * stays disabled rather than pretend to start something.
 */
public class StartHandler {

	@CanExecute
	public boolean canExecute() {
		return false;
	}

	@Execute
	public void execute() {
		// unreachable while canExecute() is false; the run controller takes over here
	}
}
