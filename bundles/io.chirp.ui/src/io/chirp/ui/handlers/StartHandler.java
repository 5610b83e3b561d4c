package io.chirp.ui.handlers;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Preference;

import io.chirp.core.ChirpSource;
import io.chirp.core.RunController;
import io.chirp.core.RunState;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.prefs.RunPreferences;

/** Starts a run of the chirp source with the remembered parameters. Enabled only while no run is in progress. */
public class StartHandler {

	@CanExecute
	public boolean canExecute(RunController controller) {
		return controller.state() == RunState.IDLE;
	}

	@Execute
	public void execute(RunController controller, ChirpConsoles consoles,
			@Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences) {
		try {
			controller.start(new ChirpSource(RunPreferences.load(preferences)), consoles.outputSink());
		} catch (IllegalStateException e) {
			// a second Start before the toolbar caught up with the state: there is still only one run
			consoles.workbenchLine(e.getMessage());
		}
	}
}
