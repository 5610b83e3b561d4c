package io.chirp.ui;

/** IEventBroker topics on which the run's life reaches the UI (posted from job threads, received on the UI thread). */
public final class ChirpTopics {

	public static final String RUN = "io/chirp/run/";
	/** Data: the new {@link io.chirp.core.run.RunState}. */
	public static final String RUN_STATE = RUN + "state";
	/** Data: the {@link io.chirp.core.run.RunSummary} of the run that ended. */
	public static final String RUN_ENDED = RUN + "ended";

	/** Data: the {@link io.chirp.core.run.Run} added, changed or removed (null: many at once, as after listing). */
	public static final String RUNS_CHANGED = RUN + "runs";
	/** Data: the runs selected to be shown (a List of Run). */
	public static final String RUNS_SELECTED = RUN + "selected";

	/** No data: a source came or went (a bundle offering a DataSourceFactory was started or stopped). */
	public static final String SOURCES_CHANGED = "io/chirp/sources/changed";

	/** Data: the chart's frames per second over the last second (a Double), posted about twice a second. */
	public static final String CHART_FPS = "io/chirp/chart/fps";

	private ChirpTopics() {
	}
}
