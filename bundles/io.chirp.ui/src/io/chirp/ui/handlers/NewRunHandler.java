package io.chirp.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.run.RunController;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.ui.ChirpIds;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.dialogs.NewRunDialog;
import io.chirp.ui.prefs.RunPreferences;
import io.chirp.ui.prefs.SecretMemory;
import io.chirp.ui.prefs.SourceMemory;
import io.chirp.ui.run.SourceCatalog;

/**
 * Run &gt; New Run... (Ctrl+N), and each source's own menu item and toolbar button (the command with the source's
 * id as parameter): the New Run dialog on that source's page; Start there starts the run and remembers the values.
 * Enabled while the source (any, without a parameter) is present; the run starts beside any in progress.
 */
public class NewRunHandler {

	@CanExecute
	public boolean canExecute(RunController controller, SourceCatalog sources,
			@Optional @Named(ChirpIds.SOURCE_PARAMETER) String sourceId) {
		return (sourceId == null ? !sources.sources().isEmpty() : sources.find(sourceId).isPresent());
	}

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, RunController controller,
			SourceCatalog sources, ChirpConsoles consoles,
			@Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences,
			SecretMemory secrets, @Optional @Named(ChirpIds.SOURCE_PARAMETER) String sourceId) {
		SourceMemory memory = new SourceMemory(preferences);
		DataSourceFactory shown = sourceId == null ? null : sources.find(sourceId).orElse(null);
		NewRunDialog dialog = new NewRunDialog(shell, sources.sources(), memory::recent, shown, secrets);
		dialog.setDefaults(memory::defaults);
		if (dialog.open() != Window.OK) {
			return;
		}
		DataSourceFactory chosen = dialog.chosen();
		try {
			memory.remember(chosen, dialog.chosenValues());
		} catch (BackingStoreException e) {
			consoles.workbenchError("The values for " + chosen.label() + " could not be saved: " + e.getMessage());
		}
		try {
			RunStarter.start(controller, consoles, chosen, dialog.chosenValues(), dialog.chosenName());
		} catch (IllegalArgumentException e) {
			// checked as typed; only a change in between (a folder removed) gets here
			consoles.workbenchError(chosen.label() + " cannot start: " + e.getMessage());
		}
		// after the start: the platform may ask for the storage's master password, and the run need not wait for it
		saveSecrets(secrets, consoles, chosen, dialog);
	}

	/** Saves the secrets whose Save box was ticked, forgets those whose box was not; a failure is said, not fatal. */
	private static void saveSecrets(SecretMemory secrets, ChirpConsoles consoles, DataSourceFactory chosen,
			NewRunDialog dialog) {
		dialog.chosenSaves().forEach((key, save) -> {
			String secret = dialog.chosenValues().getOrDefault(key, "");
			try {
				if (save && !secret.isEmpty()) {
					secrets.save(chosen, dialog.chosenValues(), key, secret);
				} else if (!save) {
					secrets.forget(chosen, dialog.chosenValues(), key);
				}
			} catch (org.eclipse.equinox.security.storage.StorageException | java.io.IOException e) {
				// the message never contains the secret: it comes from the storage, which was not given it in text
				consoles.workbenchError("The password for " + chosen.label() + " was not saved in secure storage: "
						+ e.getMessage());
			}
		});
	}
}
