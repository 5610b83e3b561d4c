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
		ITheme active = engine.getActiveTheme();
		if (active != null && active.getId().equals(wanted)) {
			return true;
		}
		try {
			engine.setTheme(wanted, true);
		} catch (RuntimeException e) {
			// a theme that does not load: back to the light one, and say so
			engine.setTheme(LIGHT, true);
			setErrorMessage("The " + LABELS.get(IDS.indexOf(wanted)) + " theme could not be applied (" + e.getMessage()
					+ "): Chirp stays light.");
			return false;
		}
		return true;
	}

	/** The combo, for tests. */
	public Combo themeCombo() {
		return theme;
	}
}
