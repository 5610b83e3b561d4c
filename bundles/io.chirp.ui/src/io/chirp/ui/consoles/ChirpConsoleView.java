package io.chirp.ui.consoles;

import java.util.Arrays;

import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.internal.console.ConsoleView;

/**
 * A Console view instance that holds one of Chirp's consoles only: the one whose {@link ChirpConsoles#VIEW_ATTRIBUTE}
 * is the instance's secondary id. The platform's Console view makes a page (a text viewer with its actions) for
 * every registered console in every instance, and each page follows its console's text while hidden: Chirp's four
 * instances made sixteen pages at start-up, a seventh of the start's time on the UI thread, and every line written
 * reached four viewers. This one makes one page and keeps one viewer per console. Everything else (pinning, scroll
 * lock, word wrap, the toolbar) is the platform's view; its class is internal to the console plug-in, and this
 * overrides its public {@link #consolesAdded(IConsole[])} only.
 */
@SuppressWarnings("restriction")
public class ChirpConsoleView extends ConsoleView {

	/** The view's id; its instances are told apart by their secondary ids (the consoles' names, in lower case). */
	public static final String ID = "io.chirp.ui.consoleView";

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
		}
	}
}
