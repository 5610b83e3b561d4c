package io.chirp.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

import io.chirp.ui.ChirpIds;

/** Chirp's layout: the chart on top; consoles bottom left; the Progress view bottom right. */
public class ChirpPerspective implements IPerspectiveFactory {

	public static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";
	public static final String CONSOLES_FOLDER = "io.chirp.app.folder.consoles";
	public static final String PROGRESS_FOLDER = "io.chirp.app.folder.progress";

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editorArea = layout.getEditorArea();
		layout.setEditorAreaVisible(false);
		layout.addStandaloneView(ChirpIds.CHART_PART, false, IPageLayout.TOP, 0.62f, editorArea);
		layout.getViewLayout(ChirpIds.CHART_PART).setCloseable(false);

		IFolderLayout consoles = layout.createFolder(CONSOLES_FOLDER, IPageLayout.BOTTOM, 0.62f, ChirpIds.CHART_PART);
		consoles.addView(IConsoleConstants.ID_CONSOLE_VIEW);

		IFolderLayout progress = layout.createFolder(PROGRESS_FOLDER, IPageLayout.RIGHT, 0.68f, CONSOLES_FOLDER);
		progress.addView(PROGRESS_VIEW);

		layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
		layout.addShowViewShortcut(PROGRESS_VIEW);
	}
}
