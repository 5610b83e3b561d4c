package io.chirp.ui;

/** Element ids of Chirp's contributions to the application model (fragment.e4xmi), for code and tests. */
public final class ChirpIds {

	public static final String CHART_PART = "io.chirp.ui.part.chart";
	public static final String RUNS_PART = "io.chirp.ui.part.runs";
	public static final String STOP_ALL_COMMAND = "io.chirp.ui.command.stopall";
	public static final String START_COMMAND = "io.chirp.ui.command.start";
	public static final String STOP_COMMAND = "io.chirp.ui.command.stop";
	public static final String RUN_MENU = "io.chirp.ui.menu.run";
	public static final String START_TOOL_ITEM = "io.chirp.ui.toolitem.start";
	public static final String STOP_TOOL_ITEM = "io.chirp.ui.toolitem.stop";
	public static final String NEW_RUN_COMMAND = "io.chirp.ui.command.newrun";
	/** The New Run command's parameter: the id of the source whose page to show. */
	public static final String SOURCE_PARAMETER = "io.chirp.ui.commandparameter.source";
	public static final String RUN_TOOLBAR = "io.chirp.ui.toolbar.run";
	/** Tag of the menu items and tool items made for each source present. */
	public static final String SOURCE_ITEM_TAG = "io.chirp.ui.sourceitem";
	/** Prefix of their element ids; the source's id follows. */
	public static final String SOURCE_TOOL_ITEM = "io.chirp.ui.toolitem.source.";
	public static final String SOURCE_MENU_ITEM = "io.chirp.ui.menuitem.source.";

	private ChirpIds() {
	}
}
