package io.chirp.ui.prefs;

import org.eclipse.jface.preference.IntegerFieldEditor;

/** Window &gt; Preferences &gt; Chirp &gt; Chart: the follow window, the frame rate cap, the line width (applied at once). */
public class ChartPreferencePage extends ChirpPreferencePage {

	public ChartPreferencePage() {
		setDescription("How the signal chart follows a run and how often it draws. Applied at once.");
	}

	@Override
	protected void createFieldEditors() {
		addField(range(RunPreferences.CHART_FOLLOW_SECONDS, "&Follow window (seconds):", 1, RunPreferences.MAX_FOLLOW_SECONDS,
				"The follow window must be a whole number of seconds from 1 to 3,600."));
		addField(range(RunPreferences.CHART_FRAMES_PER_SECOND, "Frame &rate cap (frames/s):", 1,
				RunPreferences.MAX_FRAMES_PER_SECOND, "The frame rate cap must be a whole number from 1 to 120 frames/s."));
		addField(range(RunPreferences.CHART_LINE_WIDTH, "Signal &line width (pixels):", 1, RunPreferences.MAX_LINE_WIDTH,
				"The line width must be a whole number of pixels from 1 to 5."));
	}

	private IntegerFieldEditor range(String key, String label, int min, int max, String error) {
		IntegerFieldEditor field = new IntegerFieldEditor(key, label, getFieldEditorParent(), 5);
		field.setValidRange(min, max);
		field.setErrorMessage(error);
		return field;
	}
}
