package io.chirp.ui.prefs;

import java.util.List;

import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/**
 * Window &gt; Preferences &gt; Chirp &gt; Appearance: the platform's Light or Dark theme (e4 CSS theming, the themes of
 * {@code org.eclipse.ui.themes}); the charts and consoles take their colours from it. A theme that cannot be
 * applied leaves the light one, and the page says why.
 */
public class AppearancePreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	/** The platform's theme ids, in the order the page offers them. */
	public static final String LIGHT = "org.eclipse.e4.ui.css.theme.e4_default";
	public static final String DARK = "org.eclipse.e4.ui.css.theme.e4_dark";
	private static final List<String> IDS = List.of(LIGHT, DARK);
	private static final List<String> LABELS = List.of("Light", "Dark");

	private IThemeEngine engine;
	private Combo theme;

	@Override
	public void init(IWorkbench workbench) {
		engine = workbench.getService(IThemeEngine.class);
		setDescription("The window's theme. The charts and the consoles follow it at once; a few platform widgets take "
				+ "it fully only after Chirp is started again.");
	}

	@Override
	protected Control createContents(Composite parent) {
		Composite area = new Composite(parent, SWT.NONE);
		area.setLayout(new GridLayout(2, false));
		new Label(area, SWT.NONE).setText("&Theme:");
		theme = new Combo(area, SWT.READ_ONLY);
		theme.setItems(LABELS.toArray(String[]::new));
		theme.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		ITheme active = engine == null ? null : engine.getActiveTheme();
		theme.select(active != null && active.getId().contains("dark") ? 1 : 0);
		if (engine == null) {
			theme.setEnabled(false);
			setErrorMessage("The platform's theme engine is not available: Chirp stays in its light colours.");
		}
		return area;
	}

	@Override
	protected void performDefaults() {
		theme.select(0);
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		if (engine == null) {
			return true;
		}
		String wanted = IDS.get(Math.max(0, theme.getSelectionIndex()));
		String failure = applyTheme(engine, wanted);
		if (failure != null) {
			theme.select(0);
			setErrorMessage(failure);
			return false;
		}
		return true;
	}

	/**
	 * Makes {@code themeId} the active theme and keeps it for the next start. A theme that does not load leaves the
	 * light one active: one that throws, and one that the engine does not make active (it passes over an id it does
	 * not know without a word). Returns null when the theme is active, else the message that says why it is not.
	 */
	public static String applyTheme(IThemeEngine engine, String themeId) {
		if (isActive(engine, themeId)) {
			return null;
		}
		String reason;
		try {
			engine.setTheme(themeId, true);
			if (isActive(engine, themeId)) {
				return null;
			}
			reason = "the platform has no theme " + themeId;
		} catch (RuntimeException e) {
			reason = String.valueOf(e.getMessage());
		}
		engine.setTheme(LIGHT, true);
		int known = IDS.indexOf(themeId);
		return "The " + (known >= 0 ? LABELS.get(known) : themeId) + " theme could not be applied (" + reason
				+ "): Chirp stays light.";
	}

	/** Whether the engine's active theme is {@code themeId} (or the variant of it the engine chose for this OS). */
	private static boolean isActive(IThemeEngine engine, String themeId) {
		ITheme active = engine.getActiveTheme();
		return active != null && active.getId().startsWith(themeId);
	}

	/** The combo, for tests. */
	public Combo themeCombo() {
		return theme;
	}
}
