package io.chirp.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.ui.IWorkbench;

/**
 * Quits Chirp through the workbench's regular shutdown (the same path as closing the window), which stops a run
 * in progress and restores the standard streams.
 */
public class QuitHandler {

	@Execute
	public void execute(IWorkbench workbench) {
		workbench.close();
	}
}
