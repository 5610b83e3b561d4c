package io.chirp.app;

import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

import io.chirp.ui.ChirpIds;
import io.chirp.ui.consoles.ChirpConsoleView;

/**
 * The Window and Help menus, after Chirp's File and Run menus (which come from the model fragment of io.chirp.ui):
 * <i>Show View</i> for every view of the Chirp layout, the platform's <i>Reset Perspective</i> and
 * <i>Preferences</i>, and <i>About Chirp</i>. A view the user closed comes back where it was.
 */
public class ChirpActionBarAdvisor extends ActionBarAdvisor {

	/** One entry of Window &gt; Show View: a view id, a secondary id for the Console view instances, a label. */
	record ViewEntry(String id, String secondaryId, String label) {
	}

	/** The views Show View offers, in menu order. */
	static final List<ViewEntry> VIEWS = List.of(new ViewEntry(ChirpIds.CHART_PART, null, "&Chart"),
			new ViewEntry(ChirpIds.RUNS_PART, null, "&Runs"),
			new ViewEntry(ChirpConsoleView.ID, "output", "&Output"),
			new ViewEntry(ChirpConsoleView.ID, "worker", "&Worker"),
			new ViewEntry(ChirpConsoleView.ID, "receiver", "R&eceiver"),
			new ViewEntry(ChirpConsoleView.ID, "workbench", "Wor&kbench"),
			new ViewEntry(ChirpPerspective.PROGRESS_VIEW, null, "&Progress"));

	/** Menu ids, for tests and for contributions placed relative to them. */
	public static final String WINDOW_MENU = "io.chirp.app.menu.window";
	public static final String SHOW_VIEW_MENU = "io.chirp.app.menu.window.showview";
	public static final String HELP_MENU = "io.chirp.app.menu.help";

	private IWorkbenchAction resetPerspective;

	public ChirpActionBarAdvisor(IActionBarConfigurer configurer) {
		super(configurer);
	}

	@Override
	protected void makeActions(IWorkbenchWindow window) {
		resetPerspective = ActionFactory.RESET_PERSPECTIVE.create(window);
		register(resetPerspective);
	}

	@Override
	protected void fillMenuBar(IMenuManager menuBar) {
		IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();
		menuBar.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));

		MenuManager windowMenu = new MenuManager("&Window", WINDOW_MENU);
		MenuManager showView = new MenuManager("Show &View", SHOW_VIEW_MENU);
		for (ViewEntry entry : VIEWS) {
			showView.add(new ShowViewAction(window, entry));
		}
		windowMenu.add(showView);
		windowMenu.add(new Separator());
		windowMenu.add(resetPerspective);
		windowMenu.add(new Separator());
		windowMenu.add(new PreferencesAction(window));
		menuBar.add(windowMenu);

		MenuManager helpMenu = new MenuManager("&Help", HELP_MENU);
		helpMenu.add(new ReadmeAction(window));
		helpMenu.add(new Separator());
		helpMenu.add(new AboutAction(window));
		menuBar.add(helpMenu);
	}

	/** Opens a view of the Chirp layout, or brings it forward; a Console view gets its console again. */
	static final class ShowViewAction extends Action {
		private final IWorkbenchWindow window;
		private final ViewEntry entry;

		ShowViewAction(IWorkbenchWindow window, ViewEntry entry) {
			super(entry.label());
			this.window = window;
			this.entry = entry;
			setId("io.chirp.app.showview." + (entry.secondaryId() == null ? entry.id() : entry.secondaryId()));
		}

		@Override
		public void run() {
			IWorkbenchPage page = window.getActivePage();
			if (page == null) {
				return;
			}
			try {
				page.showView(entry.id(), entry.secondaryId(), IWorkbenchPage.VIEW_ACTIVATE);
			} catch (PartInitException e) {
				org.eclipse.jface.dialogs.MessageDialog.openError(window.getShell(), "Show View",
						"The view " + entry.label().replace("&", "") + " cannot be shown: " + e.getMessage());
			}
		}
	}

	/** Window &gt; Preferences...: the platform's dialog, opened on Chirp's pages. */
	static final class PreferencesAction extends Action {
		static final String CHIRP_PAGE = "io.chirp.ui.preferences";
		private final IWorkbenchWindow window;

		PreferencesAction(IWorkbenchWindow window) {
			super("&Preferences...");
			this.window = window;
			setId("io.chirp.app.preferences");
		}

		@Override
		public void run() {
			org.eclipse.ui.dialogs.PreferencesUtil.createPreferenceDialogOn(window.getShell(), CHIRP_PAGE, null, null).open();
		}
	}

	/** Help &gt; About Chirp. */
	static final class AboutAction extends Action {
		private final IWorkbenchWindow window;

		AboutAction(IWorkbenchWindow window) {
			super("&About Chirp");
			this.window = window;
			setId("io.chirp.app.about");
		}

		@Override
		public void run() {
			new AboutChirpDialog(window.getShell()).open();
		}
	}

	/** Help &gt; Using Chirp: the README shipped beside the launch script, opened by the desktop. */
	static final class ReadmeAction extends Action {
		private final IWorkbenchWindow window;

		ReadmeAction(IWorkbenchWindow window) {
			super("&Using Chirp (README)");
			this.window = window;
			setId("io.chirp.app.readme");
		}

		@Override
		public void run() {
			java.nio.file.Path readme = AboutChirpDialog.readme();
			boolean opened = readme != null && org.eclipse.swt.program.Program.launch(readme.toString());
			if (!opened) {
				org.eclipse.jface.dialogs.MessageDialog.openInformation(window.getShell(), "Using Chirp",
						readme == null ? "README.md is not in this installation; see the project's README on its site."
								: "No program on this desktop opens " + readme + ": open it with any text editor.");
			}
		}
	}
}
