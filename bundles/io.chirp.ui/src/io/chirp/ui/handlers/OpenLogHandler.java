package io.chirp.ui.handlers;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.chirp.core.LogFileSource;
import io.chirp.core.RunController;
import io.chirp.core.RunState;
import io.chirp.ui.consoles.ChirpConsoles;

import jakarta.inject.Named;

/**
 * File &gt; Open Log...: opens a finished log (yesterday's training output) as a run, read exactly as a running
 * program's output: metrics on the chart, the text in the Output console as a terminal showed it. Enabled only
 * while no run is in progress.
 */
public class OpenLogHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return controller.state() == RunState.IDLE;
	}

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, RunController controller,
			ChirpConsoles consoles) {
		FileDialog dialog = new FileDialog(shell, SWT.OPEN);
		dialog.setText("Open Log");
		dialog.setFilterExtensions(new String[] { "*.log;*.txt;*.out", "*" });
		dialog.setFilterNames(new String[] { "Logs (*.log, *.txt, *.out)", "All files" });
		String chosen = dialog.open();
		if (chosen != null) {
			open(controller, consoles, Path.of(chosen));
		}
	}

	/** Starts the run of {@code file}; a file that cannot be read ends it with the reason in the Workbench console. */
	public static void open(RunController controller, ChirpConsoles consoles, Path file) {
		try {
			controller.start(new LogFileSource(file), consoles.outputSink());
		} catch (IllegalStateException e) {
			consoles.workbenchLine(e.getMessage());
		}
	}
}
