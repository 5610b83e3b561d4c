package io.chirp.ui.prefs;

import org.eclipse.jface.preference.IntegerFieldEditor;

/** Window &gt; Preferences &gt; Chirp &gt; Consoles: how much text each console keeps (applied at once). */
public class ConsolesPreferencePage extends ChirpPreferencePage {

	public ConsolesPreferencePage() {
		setDescription("Each console keeps its newest text up to this limit; older text is trimmed, so memory stays "
				+ "bounded under any flood. Applied at once.");
	}

	@Override
	protected void createFieldEditors() {
		IntegerFieldEditor limit = new IntegerFieldEditor(RunPreferences.CONSOLE_LIMIT, "Output &limit per console (characters):",
				getFieldEditorParent(), 9);
		limit.setValidRange(RunPreferences.MIN_CONSOLE_LIMIT, RunPreferences.MAX_CONSOLE_LIMIT);
		limit.setErrorMessage(String.format(java.util.Locale.ROOT, "The output limit must be a whole number from %,d to %,d characters.",
				RunPreferences.MIN_CONSOLE_LIMIT, RunPreferences.MAX_CONSOLE_LIMIT));
		addField(limit);
	}
}
