package io.chirp.ui.prefs;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/**
 * Window &gt; Preferences &gt; Chirp, and the base of its sub-pages: each edits {@link RunPreferences#NODE} through a
 * store whose defaults are Chirp's; a value out of range cannot be applied (the page says why beside its title).
 */
public class ChirpPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

	public ChirpPreferencePage() {
		super(GRID);
		setDescription("Chirp watches long-running work live. Its settings are on the pages below: Appearance, Chart, Consoles and Runs.\n"
				+ "The chart's smoothing, x axis, filter and hidden series are remembered as you change them in the chart.");
	}

	/** Chirp's preferences node as a preference store, with Chirp's defaults. */
	static IPreferenceStore chirpStore() {
		ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, RunPreferences.NODE);
		store.setDefault(RunPreferences.CONSOLE_LIMIT, io.chirp.ui.consoles.ChirpConsoles.DEFAULT_LIMIT_CHARS);
		store.setDefault(RunPreferences.RUNS_FOLDER, "");
		store.setDefault(RunPreferences.CONSOLE_FLOOD_BOUND, io.chirp.ui.consoles.ChirpConsoles.MAX_CHARS_PER_FLUSH);
		store.setDefault(RunPreferences.CONSOLE_WORD_WRAP, false);
		store.setDefault(RunPreferences.CHART_FOLLOW_SECONDS, RunPreferences.DEFAULT_FOLLOW_SECONDS);
		store.setDefault(RunPreferences.CHART_FRAMES_PER_SECOND, RunPreferences.DEFAULT_FRAMES_PER_SECOND);
		store.setDefault(RunPreferences.CHART_LINE_WIDTH, RunPreferences.DEFAULT_LINE_WIDTH);
		return store;
	}

	@Override
	public void init(IWorkbench workbench) {
		setPreferenceStore(chirpStore());
	}

	@Override
	protected void createFieldEditors() {
		noDefaultAndApplyButton();
	}
}
