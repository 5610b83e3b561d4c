package io.chirp.app;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

import io.chirp.ui.ChirpIds;

/**
 * Gives the main window its title, size and bars (toolbar for the run commands, status line with job progress). The
 * Console view instances set themselves up when they are made ({@code io.chirp.ui.consoles.ChirpConsoleView}).
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
}
