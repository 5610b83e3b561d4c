package io.chirp.ui.handlers;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.ChirpParameters;
import io.chirp.ui.dialogs.RunParametersDialog;
import io.chirp.ui.prefs.RunPreferences;

import jakarta.inject.Named;

/** Opens the run parameters dialog; valid values are remembered for the next runs and the next start of Chirp. */
public class RunParametersHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell,
			@Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences) {
		RunParametersDialog dialog = new RunParametersDialog(shell, RunPreferences.load(preferences));
		if (dialog.open() != Window.OK) {
			return;
		}
		ChirpParameters chosen = dialog.parameters();
		try {
			RunPreferences.save(preferences, chosen);
		} catch (BackingStoreException e) {
			ErrorDialog.openError(shell, "Run Parameters", "The parameters apply to this session but could not be saved.",
					org.eclipse.core.runtime.Status.error(e.getMessage(), e));
		}
	}
}
