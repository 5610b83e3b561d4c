package io.chirp.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.chirp.core.run.RunController;

/** Run > Stop All (Ctrl+Shift+F2): asks every run in progress to stop, without blocking the UI thread. */
public class StopAllHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return !controller.runs().isEmpty();
	}

	@Execute
	public void execute(RunController controller) {
		controller.requestStop();
	}
}
