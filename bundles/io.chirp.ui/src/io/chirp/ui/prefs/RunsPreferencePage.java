package io.chirp.ui.prefs;

import org.eclipse.jface.preference.DirectoryFieldEditor;

/** Window &gt; Preferences &gt; Chirp &gt; Runs: where runs are recorded (from the next start). */
public class RunsPreferencePage extends ChirpPreferencePage {

	public RunsPreferencePage() {
		setDescription("Every run is recorded in its own folder under the runs folder, and the runs there are listed "
				+ "when Chirp starts. Empty: ~/.chirp/runs. A new folder applies from the next start of Chirp.");
	}

	@Override
	protected void createFieldEditors() {
		DirectoryFieldEditor folder = new DirectoryFieldEditor(RunPreferences.RUNS_FOLDER, "Runs &folder:",
				getFieldEditorParent());
		folder.setEmptyStringAllowed(true);
		folder.setErrorMessage("The runs folder must be an existing folder (or empty for ~/.chirp/runs).");
		addField(folder);
	}
}
