package io.chirp.app;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.IOConsole;

import io.chirp.ui.ChirpIds;
import io.chirp.ui.consoles.ChirpConsoleView;
import io.chirp.ui.consoles.ChirpConsoles;

/**
 * Gives the main window its title, size and bars (toolbar for the run commands, status line with job progress),
 * and pins each Console view instance of the layout to its console.
 */
public class ChirpWindowAdvisor extends WorkbenchWindowAdvisor {

	/** The context of Chirp's key bindings (plugin.xml), a child of the window context. */
	static final String KEYS_CONTEXT = "io.chirp.app.context";

	public static final String TITLE = "Chirp";

	private final StartupTimes startup;

	public ChirpWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		this(configurer, new StartupTimes());
	}

	ChirpWindowAdvisor(IWorkbenchWindowConfigurer configurer, StartupTimes startup) {
		super(configurer);
		this.startup = startup;
	}

	@Override
	public void preWindowOpen() {
		IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
		configurer.setTitle(TITLE);
		configurer.setInitialSize(initialSize(org.eclipse.swt.widgets.Display.getCurrent().getPrimaryMonitor().getClientArea()));
		configurer.setShowMenuBar(true);
		configurer.setShowCoolBar(true);
		configurer.setShowStatusLine(true);
		configurer.setShowProgressIndicator(true);
		configurer.setShowPerspectiveBar(false);
	}

	/**
	 * The first window's size: nine tenths of the screen's usable area (at 1920x1080 the Output console shows lines
	 * of 130 characters), never beyond the screen, at least 1024x700 where the screen has room for it.
	 */
	static Point initialSize(org.eclipse.swt.graphics.Rectangle screen) {
		int width = Math.min(screen.width, Math.max(1024, screen.width * 9 / 10));
		int height = Math.min(screen.height, Math.max(700, screen.height * 9 / 10));
		return new Point(width, height);
	}

	@Override
	public void postWindowOpen() {
		startup.windowOpened();
		// Chirp's key bindings live in a context below the window's, so they win where the platform binds the same
		// keys (Ctrl+N is the IDE's New wizard, which Chirp does not have)
		org.eclipse.ui.contexts.IContextService contexts = getWindowConfigurer().getWindow()
				.getService(org.eclipse.ui.contexts.IContextService.class);
		if (contexts != null) {
			contexts.activateContext(KEYS_CONTEXT);
		}
		IWorkbenchWindow window = getWindowConfigurer().getWindow();
		runToolBarFirst(window);
		pinConsoleViews(window);
		// Preferences > Chirp > Consoles > Wrap long lines: every console view follows at once
		org.eclipse.core.runtime.preferences.IEclipsePreferences preferences = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE);
		org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener wrapping = event -> {
			if (io.chirp.ui.prefs.RunPreferences.CONSOLE_WORD_WRAP.equals(event.getKey())) {
				window.getShell().getDisplay().asyncExec(() -> applyWordWrap(window));
			}
		};
		preferences.addPreferenceChangeListener(wrapping);
		window.getShell().addDisposeListener(e -> preferences.removePreferenceChangeListener(wrapping));
		// Window > Reset Perspective makes new Console views: pin them too
		window.addPerspectiveListener(new org.eclipse.ui.PerspectiveAdapter() {
			@Override
			public void perspectiveChanged(IWorkbenchPage page, org.eclipse.ui.IPerspectiveDescriptor perspective,
					String changeId) {
				if (org.eclipse.ui.IWorkbenchPage.CHANGE_RESET_COMPLETE.equals(changeId)) {
					pinConsoleViews(window);
				}
			}
		});
	}

	@Override
	public org.eclipse.ui.application.ActionBarAdvisor createActionBarAdvisor(
			org.eclipse.ui.application.IActionBarConfigurer configurer) {
		return new ChirpActionBarAdvisor(configurer);
	}

	/**
	 * Puts Chirp's run toolbar at the start of the window's top trim. A window restored from the last session has
	 * the platform's stretching spacer before it, which pushed the buttons to the window's right edge.
	 */
	static void runToolBarFirst(IWorkbenchWindow window) {
		MWindow model = window.getService(MWindow.class);
		if (!(model instanceof org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow trimmed)) {
			return;
		}
		for (org.eclipse.e4.ui.model.application.ui.basic.MTrimBar bar : trimmed.getTrimBars()) {
			var children = bar.getChildren();
			for (int i = 1; i < children.size(); i++) {
				if (ChirpIds.RUN_TOOLBAR.equals(children.get(i).getElementId())) {
					children.add(0, children.remove(i));
					return;
				}
			}
		}
	}

	/** Each console in its Console view instance, pinned there, retried while views are being created. */
	static void pinConsoleViews(IWorkbenchWindow window) {
		MWindow model = window.getService(MWindow.class);
		ChirpConsoles consoles = model == null ? null : model.getContext().get(ChirpConsoles.class);
		if (consoles != null) {
			pinConsoleViews(window, consoles, PIN_ATTEMPTS);
		}
	}

	private static boolean wordWrap() {
		return org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode(io.chirp.ui.prefs.RunPreferences.NODE)
				.getBoolean(io.chirp.ui.prefs.RunPreferences.CONSOLE_WORD_WRAP, false);
	}

	/** Sets every open Console view's word wrap as the preference says. */
	static void applyWordWrap(IWorkbenchWindow window) {
		IWorkbenchPage page = window.getActivePage();
		if (page == null || window.getShell().isDisposed()) {
			return;
		}
		for (String secondaryId : ChirpPerspective.CONSOLE_VIEW_IDS) {
			IViewReference reference = page.findViewReference(ChirpConsoleView.ID, secondaryId);
			if (reference != null && reference.getView(false) instanceof IConsoleView view) {
				view.setWordWrap(wordWrap());
			}
		}
	}

	/** How often pinning is retried, {@link #PIN_RETRY_MILLIS} apart: about two seconds in all. */
	private static final int PIN_ATTEMPTS = 40;
	private static final int PIN_RETRY_MILLIS = 50;

	/**
	 * Shows each console in its Console view instance and pins it there. A Console view learns about registered
	 * consoles asynchronously and ignores {@code display} for a console it does not know yet, so views that do not
	 * show their console yet are tried again a little later.
	 */
	private static void pinConsoleViews(IWorkbenchWindow window, ChirpConsoles consoles, int attemptsLeft) {
		IWorkbenchPage page = window.getActivePage();
		if (page == null || window.getShell() == null || window.getShell().isDisposed()) {
			return;
		}
		List<IOConsole> inOrder = consoles.all();
		boolean allPinned = true;
		for (int i = 0; i < ChirpPerspective.CONSOLE_VIEW_IDS.size(); i++) {
			IViewReference reference = page.findViewReference(ChirpConsoleView.ID,
					ChirpPerspective.CONSOLE_VIEW_IDS.get(i));
			if (reference == null) {
				continue; // the user closed this instance
			}
			// a view restored from the last session may not be created yet: create it now
			IViewPart view = reference.getView(true);
			if (!(view instanceof IConsoleView consoleView)) {
				allPinned = false;
				continue;
			}
			IOConsole console = inOrder.get(i);
			if (consoleView.getConsole() != console) {
				consoleView.setPinned(false);
				consoleView.display(console);
				consoleView.setWordWrap(wordWrap()); // a view opened anew starts as Preferences > Consoles says
			}
			if (consoleView.getConsole() == console) {
				consoleView.setPinned(true);
				// every instance would be titled "Console": name the tab after its console
				MPart part = view.getSite().getService(MPart.class);
				if (part != null) {
					part.setLabel(console.getName());
				}
			} else {
				allPinned = false;
			}
		}
		if (!allPinned && attemptsLeft > 1) {
			window.getShell().getDisplay().timerExec(PIN_RETRY_MILLIS,
					() -> pinConsoleViews(window, consoles, attemptsLeft - 1));
		}
	}
}
