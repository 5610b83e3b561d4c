package io.chirp.ui.handlers;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Preference;

import io.chirp.core.run.RunController;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.prefs.RunPreferences;
import io.chirp.ui.prefs.SourceMemory;
import io.chirp.ui.run.SourceCatalog;

/**
 * Start (Ctrl+F11): a run of the default source (the built-in chirp) at once, with the values last used for it.
 * Enabled whenever a source is present: a new run starts beside those in progress.
 */
public class StartHandler {

	@CanExecute
	public boolean canExecute(SourceCatalog sources) {
		return sources.defaultSource().isPresent(); // beside any runs in progress
	}

	@Execute
	public void execute(RunController controller, SourceCatalog sources, ChirpConsoles consoles,
			@Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences) {
		DataSourceFactory source = sources.defaultSource().orElse(null);
		if (source == null) {
			consoles.workbenchError("No source is present to start.");
			return;
		}
		var values = new SourceMemory(preferences).last(source);
		try {
			RunStarter.start(controller, consoles, source, values);
		} catch (IllegalArgumentException e) {
			// remembered values that are no longer valid (edited by hand, limits changed): the defaults still run
			consoles.workbenchLine("The values last used for " + source.label() + " are not valid any more (" + e.getMessage()
					+ "): starting with its defaults.");
			RunStarter.start(controller, consoles, source, SourceParameter.defaults(source.parameters()));
		}
	}
}
