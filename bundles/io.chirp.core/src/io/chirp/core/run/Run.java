package io.chirp.core.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chirp.core.model.RunModel;

/**
 * One run, live or recorded: its name, what was run, where it stands, and its data. A live run's model fills as it
 * streams; a recorded run's model is read from its folder only when {@link #load()} is called (when it is shown).
 * Any thread may read; changes are told to the {@link #onChange} listeners on the thread that made them.
 */
public final class Run {

	/** Reads a recorded run's data. */
	@FunctionalInterface
	public interface Loader {
		RunModel load(Run run) throws java.io.IOException;
	}

	private final String id;
	private final RunSpec spec;
	private final long startEpochMillis;
	private final int colourIndex;
	private final Path folder;
	private volatile Loader loader;
	private final List<Consumer<Run>> listeners = new CopyOnWriteArrayList<>();
	private volatile String name;
	private volatile RunStatus status;
	private volatile long endEpochMillis;
	private volatile Integer exitCode;
	private volatile String problem;
	private volatile String recordingProblem;
	private volatile RunSummary summary;
	private volatile RunModel model;
	private volatile long recordedPoints;
	private volatile Map<String, Double> recordedLastValues = Map.of();

	/** A live run: its model fills as it streams. */
	public Run(String id, String name, RunSpec spec, RunModel model, int colourIndex, Path folder) {
		this.id = id;
		this.name = name;
		this.spec = spec;
		this.model = model;
		this.startEpochMillis = model.startEpochMillis();
		this.colourIndex = colourIndex;
		this.folder = folder;
		this.loader = null;
		this.status = RunStatus.RUNNING;
	}

	/** A recorded run, listed from its metadata; its data is read by {@code loader} when it is first shown. */
	public Run(String id, String name, RunSpec spec, long startEpochMillis, long endEpochMillis, RunStatus status,
			int colourIndex, Path folder, Loader loader) {
		this.id = id;
		this.name = name;
		this.spec = spec;
		this.startEpochMillis = startEpochMillis;
		this.endEpochMillis = endEpochMillis;
		this.status = status;
		this.colourIndex = colourIndex;
		this.folder = folder;
		this.loader = loader;
	}

	/** Stable within its runs folder (the folder's name), or made up for a run that is not recorded. */
	public String id() {
		return id;
	}

	public String name() {
		return name;
	}

	/** Renames the run (the Runs view, the New Run dialog); a blank name is refused. */
	public void setName(String newName) {
		if (newName == null || newName.isBlank()) {
			throw new IllegalArgumentException("A run needs a name.");
		}
		name = newName.strip();
		changed();
	}

	public RunSpec spec() {
		return spec;
	}

	/** The source's name as the user knows it. */
	public String sourceLabel() {
		return spec.sourceLabel();
	}

	public long startEpochMillis() {
		return startEpochMillis;
	}

	/** When it ended (milliseconds since 1970), or 0 while it runs or when not known (interrupted). */
	public long endEpochMillis() {
		return endEpochMillis;
	}

	public RunStatus status() {
		return status;
	}

	/** A fixed index into a palette: the run's colour wherever it is drawn. */
	public int colourIndex() {
		return colourIndex;
	}

	/** The run's folder in the runs folder, or null when it is not recorded. */
	public Path folder() {
		return folder;
	}

	/** The exit code of the program it ran, once known; null otherwise. */
	public Integer exitCode() {
		return exitCode;
	}

	/** Why it failed or cannot be read, or null. */
	public String problem() {
		return problem;
	}

	/** Why its recording stopped while it ran (a full disk...), or null. */
	public String recordingProblem() {
		return recordingProblem;
	}

	/** The summary of a run that ran in this Chirp, once it ended; null otherwise. */
	public RunSummary summary() {
		return summary;
	}

	/** The run's data when it is live or loaded, else null (see {@link #load()}). */
	public RunModel model() {
		return model;
	}

	/** Whether its data is here (live or loaded). */
	public boolean isLoaded() {
		return model != null;
	}

	/**
	 * Reads a recorded run's data from its folder, once; a live or loaded run returns its model at once. Slow for a
	 * long run: call it off the UI thread.
	 *
	 * @throws java.io.IOException when the recording cannot be read (the run is then marked damaged)
	 */
	public RunModel load() throws java.io.IOException {
		RunModel m = model;
		if (m != null || loader == null) {
			return m;
		}
		synchronized (this) {
			if (model == null) {
				try {
					model = loader.load(this);
				} catch (java.io.IOException | RuntimeException e) {
					problem = e.getMessage();
					status = RunStatus.DAMAGED;
					changed();
					throw e instanceof java.io.IOException io ? io : new java.io.IOException(e.getMessage(), e);
				}
			}
		}
		changed();
		return model;
	}

	/**
	 * Lets go of a recorded run's data (it is read again from its folder when shown again), so runs looked at
	 * once do not add up in memory. A live run, or one read from nowhere but memory, keeps its data.
	 */
	public synchronized void unload() {
		if (loader != null && !status.isLive() && recordingProblem == null) {
			RunModel m = model;
			if (m != null) {
				// what the metadata would say, for the Runs view while it is not loaded
				recordedPoints = m.metricPoints();
				recordedLastValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastValues()));
			}
			model = null;
		}
	}

	/**
	 * A live run whose recording is closed, whole, can be read again from its folder: its data may then be let go
	 * ({@link #unload()}) while it is not shown. Listeners are told, so a run not shown can be let go now.
	 */
	void readableWith(Loader recorded) {
		loader = recorded;
		changed();
	}

	/** Points of all its metrics: counted live, or as its metadata says when not loaded. */
	public long metricPoints() {
		RunModel m = model;
		return m != null ? m.metricPoints() : recordedPoints;
	}

	/** The last value of each metric (in order of appearance), live or as its metadata says when not loaded. */
	public Map<String, Double> lastValues() {
		RunModel m = model;
		if (m == null) {
			return recordedLastValues;
		}
		Map<String, Double> last = new LinkedHashMap<>();
		for (String metric : m.metricNames()) {
			var series = m.metric(metric);
			if (series != null && series.size() > 0) {
				last.put(metric, series.lastValue());
			}
		}
		return last;
	}

	/** Duration in milliseconds: up to now while it runs. */
	public long durationMillis() {
		long end = endEpochMillis;
		if (end == 0) {
			return status.isLive() ? System.currentTimeMillis() - startEpochMillis : 0;
		}
		return Math.max(0, end - startEpochMillis);
	}

	public void onChange(Consumer<Run> listener) {
		listeners.add(listener);
	}

	public void removeOnChange(Consumer<Run> listener) {
		listeners.remove(listener);
	}

	/** Stop was asked for: RUNNING becomes STOPPING (a run that has ended already stays as it ended). */
	void markStopping() {
		synchronized (this) {
			if (status != RunStatus.RUNNING) {
				return;
			}
			status = RunStatus.STOPPING;
		}
		changed();
	}

	void ended(RunSummary ended, RunStatus outcome, Integer code, String failure) {
		synchronized (this) {
			summary = ended;
			exitCode = code;
			problem = failure;
			endEpochMillis = System.currentTimeMillis();
			status = outcome;
		}
		changed();
	}

	void recordingFailed(String reason) {
		recordingProblem = reason;
		changed();
	}

	/** What a recorded run's metadata says about its data, shown before it is loaded. */
	public void setRecordedFigures(long points, Map<String, Double> lastValues, Integer code, String failure) {
		recordedPoints = points;
		recordedLastValues = lastValues == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lastValues));
		exitCode = code;
		problem = failure;
	}

	private void changed() {
		for (Consumer<Run> l : listeners) {
			l.accept(this);
		}
	}

	@Override
	public String toString() {
		return name + " (" + status.label() + ")";
	}
}
