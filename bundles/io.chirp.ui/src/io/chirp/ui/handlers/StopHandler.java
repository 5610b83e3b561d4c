package io.chirp.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.chirp.core.run.RunController;
import io.chirp.core.run.RunState;


/**
 * Stops the current run without blocking the UI thread: the worker is cancelled, the receiver drains the queue,
 * and the summary arrives in the Workbench console when both jobs have ended.
 */
public class StopHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return controller.state() == RunState.RUNNING;
	}

	@Execute
	public void execute(RunController controller) {
		controller.requestStop();
	}
}
