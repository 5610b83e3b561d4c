package io.chirp.ui.consoles;

import java.util.Arrays;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.internal.console.ConsoleView;
import org.eclipse.ui.part.PageBook;

import io.chirp.ui.prefs.RunPreferences;

/**
 * A Console view instance that holds one of Chirp's consoles only: the one whose {@link ChirpConsoles#VIEW_ATTRIBUTE}
 * is the instance's secondary id. The platform's Console view makes a page (a text viewer with its actions) for
 * every registered console in every instance, and each page follows its console's text while hidden: Chirp's four
 * instances made sixteen pages at start-up, a seventh of the start's time on the UI thread, and every line written
 * reached four viewers. This one makes one page and keeps one viewer per console, and once it shows its console it
 * pins itself there, names its tab after it and wraps lines as Preferences &gt; Consoles says (and follows that
 * setting when it changes). It does that itself whenever it is made (a fresh layout, a restored one whose hidden
 * tabs are made when first shown, Show View, Reset Perspective), so nothing has to make the views early to set
 * them up. Everything else (scroll lock, the toolbar) is the platform's view; its class is internal to the console
 * plug-in, and this overrides its public {@link #consolesAdded(IConsole[])} and {@link #dispose()} only.
 */
@SuppressWarnings("restriction")
public class ChirpConsoleView extends ConsoleView {

	/** The view's id; its instances are told apart by their secondary ids (the consoles' names, in lower case). */
	public static final String ID = "io.chirp.ui.consoleView";

	private final IPreferenceChangeListener wrapping = event -> {
		if (RunPreferences.CONSOLE_WORD_WRAP.equals(event.getKey())) {
			getSite().getShell().getDisplay().asyncExec(this::wrapAsPreferred);
		}
	};
	private boolean followingPreferences;

	@Override
	public void consolesAdded(IConsole[] consoles) {
		String own = getViewSite() == null ? null : getViewSite().getSecondaryId();
		if (own == null) {
			super.consolesAdded(consoles); // an instance without a console of its own shows them all, as the platform's
			return;
		}
		IConsole[] mine = Arrays.stream(consoles)
				.filter(c -> c instanceof TextConsole text && own.equals(text.getAttribute(ChirpConsoles.VIEW_ATTRIBUTE)))
				.toArray(IConsole[]::new);
		if (mine.length > 0) {
			super.consolesAdded(mine);
			// the platform makes the page in a runnable of its own on the UI thread: this one comes after it
			IConsole console = mine[0];
			getSite().getShell().getDisplay().asyncExec(() -> holdOwn(console));
		}
	}

	private void holdOwn(IConsole console) {
		PageBook book = getPageBook();
		if (book == null || book.isDisposed() || getConsole() != console) {
			return; // closed meanwhile, or the console was removed again
		}
		setPinned(true);
		wrapAsPreferred();
		if (!followingPreferences) {
			preferences().addPreferenceChangeListener(wrapping);
			followingPreferences = true;
		}
		// every instance would be titled "Console"
		MPart part = getSite().getService(MPart.class);
		if (part != null) {
			part.setLabel(console.getName());
		}
	}

	private void wrapAsPreferred() {
		PageBook book = getPageBook();
		if (book != null && !book.isDisposed()) {
			setWordWrap(preferences().getBoolean(RunPreferences.CONSOLE_WORD_WRAP, false));
		}
	}

	private static IEclipsePreferences preferences() {
		return InstanceScope.INSTANCE.getNode(RunPreferences.NODE);
	}

	@Override
	public void dispose() {
		if (followingPreferences) {
			preferences().removePreferenceChangeListener(wrapping);
		}
		super.dispose();
	}
}
