package io.chirp.ui.handlers;

import java.util.List;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunStatus;
import io.chirp.ui.run.RunLibrary;

/**
 * Stop (Ctrl+F2): stops the runs selected in the Runs view that are running, or, when none of them is, the newest
 * run in progress. Never blocks the UI thread: each worker is cancelled, its receiver drains the queue, and the
 * summary arrives in the Workbench console when both jobs have ended.
 */
public class StopHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return !controller.runs().isEmpty();
	}

	@Execute
	public void execute(RunController controller, RunLibrary library) {
		toStop(controller, library).forEach(controller::requestStop);
	}

	/** The runs Stop stops now. */
	static List<Run> toStop(RunController controller, RunLibrary library) {
		List<Run> selected = library.selected().stream().filter(r -> r.status() == RunStatus.RUNNING).toList();
		if (!selected.isEmpty()) {
			return selected;
		}
		List<Run> running = controller.runs();
		return running.isEmpty() ? List.of() : List.of(running.get(running.size() - 1));
	}
}
