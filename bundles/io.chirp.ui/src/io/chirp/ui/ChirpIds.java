package io.chirp.ui;

/** Element ids of Chirp's contributions to the application model (fragment.e4xmi), for code and tests. */
public final class ChirpIds {

	public static final String CHART_PART = "io.chirp.ui.part.chart";
	public static final String START_COMMAND = "io.chirp.ui.command.start";
	public static final String STOP_COMMAND = "io.chirp.ui.command.stop";
	public static final String RUN_MENU = "io.chirp.ui.menu.run";
	public static final String START_TOOL_ITEM = "io.chirp.ui.toolitem.start";
	public static final String STOP_TOOL_ITEM = "io.chirp.ui.toolitem.stop";

	private ChirpIds() {
	}
}
