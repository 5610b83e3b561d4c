package io.chirp.ui.prefs;

import org.eclipse.jface.preference.DirectoryFieldEditor;

/** Window &gt; Preferences &gt; Chirp &gt; Runs: where runs are recorded (from the next start). */
public class RunsPreferencePage extends ChirpPreferencePage {

	public RunsPreferencePage() {
		setDescription("Every run is recorded in its own folder under the runs folder, and the runs there are listed "
				+ "when Chirp starts (empty: ~/.chirp/runs; a new folder applies from the next start). A program's "
				+ "working directory (empty: your home folder) and the time Stop gives it to end (empty: 3 s) start "
				+ "as set here, for a command run for the first time; New Run remembers what each command used.");
	}

	@Override
	protected void createFieldEditors() {
		DirectoryFieldEditor folder = new DirectoryFieldEditor(RunPreferences.RUNS_FOLDER, "Runs &folder:",
				getFieldEditorParent());
		folder.setEmptyStringAllowed(true);
		folder.setErrorMessage("The runs folder must be an existing folder (or empty for ~/.chirp/runs).");
		addField(folder);

		// the Program source's own defaults, for a command run for the first time (io.chirp.source.process's keys)
		DirectoryFieldEditor directory = new DirectoryFieldEditor(SourceMemory.defaultKey(PROGRAM, "directory"),
				"Programs' &working directory:", getFieldEditorParent());
		directory.setEmptyStringAllowed(true);
		directory.setErrorMessage("The working directory must be an existing folder (or empty for your home folder).");
		addField(directory);
		// a text field (an integer field would show an unset default as 0): empty, or whole seconds from 0 to 600
		org.eclipse.jface.preference.StringFieldEditor grace = new org.eclipse.jface.preference.StringFieldEditor(
				SourceMemory.defaultKey(PROGRAM, "graceSeconds"), "Programs' stop &grace period (s):", 4,
				org.eclipse.jface.preference.StringFieldEditor.VALIDATE_ON_KEY_STROKE, getFieldEditorParent()) {
			@Override
			protected boolean doCheckState() {
				String text = getStringValue().strip();
				return text.isEmpty() || text.matches("\\d{1,3}") && Integer.parseInt(text) <= 600;
			}
		};
		grace.setErrorMessage("The grace period must be a whole number of seconds from 0 to 600 (or empty for 3 s).");
		addField(grace);
	}

	/** The Program source's id. */
	static final String PROGRAM = "io.chirp.source.process";
}
