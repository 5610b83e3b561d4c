package io.chirp.ui.handlers;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.ProcessSource;
import io.chirp.core.RunController;
import io.chirp.core.RunState;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.dialogs.RunCommandDialog;
import io.chirp.ui.prefs.RecentCommand;
import io.chirp.ui.prefs.RunPreferences;

import jakarta.inject.Named;

/** Asks for a program and watches it as the run's source. Enabled only while no run is in progress. */
public class RunCommandHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return controller.state() == RunState.IDLE;
	}

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, RunController controller,
			ChirpConsoles consoles, @Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences) {
		RunCommandDialog dialog = new RunCommandDialog(shell, RecentCommand.load(preferences),
				System.getProperty("user.dir"));
		if (dialog.open() != Window.OK) {
			return;
		}
		try {
			RecentCommand.remember(preferences, dialog.chosen());
		} catch (BackingStoreException e) {
			consoles.workbenchError("The recent commands could not be saved: " + e.getMessage());
		}
		try {
			controller.start(new ProcessSource(dialog.spec()), consoles.outputSink());
		} catch (IllegalStateException e) {
			consoles.workbenchLine(e.getMessage());
		}
	}
}
