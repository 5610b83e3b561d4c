package io.chirp.app;

import java.util.List;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import io.chirp.ui.ChirpIds;
import io.chirp.ui.consoles.ChirpConsoleView;
import io.chirp.ui.consoles.ChirpConsoles;

/**
 * Chirp's layout: the chart on top with the Runs and Progress views beside it; below, the Output console wide, the
 * Workbench console beside it and the Worker and Receiver consoles under that (one Console view instance each).
 */
public class ChirpPerspective implements IPerspectiveFactory {

	public static final String PROGRESS_VIEW = "org.eclipse.ui.views.ProgressView";
	/** Secondary ids of the Console view instances, in layout order; each shows the console of the same name. */
	public static final List<String> CONSOLE_VIEW_IDS = List.of(ChirpConsoles.OUTPUT, ChirpConsoles.WORKER,
			ChirpConsoles.RECEIVER, ChirpConsoles.WORKBENCH).stream().map(ChirpConsoles::viewIdOf).toList();

	/** The compound id of a Console view instance. */
	public static String consoleViewId(String secondaryId) {
		return ChirpConsoleView.ID + ":" + secondaryId;
	}

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editorArea = layout.getEditorArea();
		layout.setEditorAreaVisible(false);
		layout.addStandaloneView(ChirpIds.CHART_PART, false, IPageLayout.TOP, 0.95f, editorArea);
		layout.getViewLayout(ChirpIds.CHART_PART).setCloseable(false);

		String previous = "io.chirp.app.folder.output";
		layout.createFolder(previous, IPageLayout.BOTTOM, 0.58f, ChirpIds.CHART_PART)
				.addView(consoleViewId(CONSOLE_VIEW_IDS.get(0)));
		// the runs beside the chart (selecting them is what the chart shows), the Progress view under them
		layout.createFolder("io.chirp.app.folder.runs", IPageLayout.RIGHT, 0.66f, ChirpIds.CHART_PART)
				.addView(ChirpIds.RUNS_PART);
		layout.createFolder("io.chirp.app.folder.progress", IPageLayout.BOTTOM, 0.62f, "io.chirp.app.folder.runs")
				.addView(PROGRESS_VIEW);
		// the Output console wide (a program's lines of 100 characters), the Workbench console beside it, the Worker
		// and Receiver consoles under that; each its own folder (tabs of views renamed after the folder was drawn
		// stayed blank on some displays)
		layout.createFolder("io.chirp.app.folder.workbench", IPageLayout.RIGHT, 0.64f, previous)
				.addView(consoleViewId("workbench"));
		layout.createFolder("io.chirp.app.folder.worker", IPageLayout.BOTTOM, 0.5f, "io.chirp.app.folder.workbench")
				.addView(consoleViewId("worker"));
		layout.createFolder("io.chirp.app.folder.receiver", IPageLayout.RIGHT, 0.5f, "io.chirp.app.folder.worker")
				.addView(consoleViewId("receiver"));

		layout.addShowViewShortcut(ChirpConsoleView.ID);
		layout.addShowViewShortcut(PROGRESS_VIEW);
		layout.addShowViewShortcut(ChirpIds.RUNS_PART);
	}
}
