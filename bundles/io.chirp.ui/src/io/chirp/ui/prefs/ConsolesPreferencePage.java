package io.chirp.ui.prefs;

import org.eclipse.jface.preference.IntegerFieldEditor;

/** Window &gt; Preferences &gt; Chirp &gt; Consoles: how much text each console keeps (applied at once). */
public class ConsolesPreferencePage extends ChirpPreferencePage {

	public ConsolesPreferencePage() {
		setDescription("Each console keeps its newest text up to its output limit; older text is trimmed, so memory "
				+ "stays bounded. A flood beyond the flood bound is passed over, with a count of the lines, so the window "
				+ "stays responsive. Applied at once.");
	}

	@Override
	protected void createFieldEditors() {
		IntegerFieldEditor limit = new IntegerFieldEditor(RunPreferences.CONSOLE_LIMIT, "Output &limit per console (characters):",
				getFieldEditorParent(), 9);
		limit.setValidRange(RunPreferences.MIN_CONSOLE_LIMIT, RunPreferences.MAX_CONSOLE_LIMIT);
		limit.setErrorMessage(String.format(java.util.Locale.ROOT, "The output limit must be a whole number from %,d to %,d characters.",
				RunPreferences.MIN_CONSOLE_LIMIT, RunPreferences.MAX_CONSOLE_LIMIT));
		addField(limit);
		IntegerFieldEditor flood = new IntegerFieldEditor(RunPreferences.CONSOLE_FLOOD_BOUND,
				"&Flood bound (characters per 50 ms):", getFieldEditorParent(), 9);
		flood.setValidRange(RunPreferences.MIN_FLOOD_BOUND, RunPreferences.MAX_FLOOD_BOUND);
		flood.setErrorMessage(String.format(java.util.Locale.ROOT,
				"The flood bound must be a whole number from %,d to %,d characters.", RunPreferences.MIN_FLOOD_BOUND,
				RunPreferences.MAX_FLOOD_BOUND));
		addField(flood);
		addField(new org.eclipse.jface.preference.BooleanFieldEditor(RunPreferences.CONSOLE_WORD_WRAP,
				"&Wrap long lines in the console views", getFieldEditorParent()));
	}
}
