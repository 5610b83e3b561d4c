package io.chirp.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

/** Stops the current run. Disabled while nothing can run (see {@link StartHandler}). */
public class StopHandler {

	@CanExecute
	public boolean canExecute() {
		return false;
	}

	@Execute
	public void execute() {
		// unreachable while canExecute() is false; the run controller takes over here
	}
}
