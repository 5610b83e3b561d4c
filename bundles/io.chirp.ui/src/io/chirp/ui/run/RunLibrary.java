package io.chirp.ui.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;

import io.chirp.core.record.RunStore;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunStatus;
import io.chirp.ui.ChirpTopics;
import io.chirp.ui.consoles.ChirpConsoles;

/**
 * Every run Chirp knows: those recorded in the runs folder (listed at start-up from their metadata, read only when
 * shown) and those started since. Holds which runs are selected to be shown; tells the UI of changes as broker
 * events. Any thread may call it.
 */
public final class RunLibrary implements RunListener {

	private final RunController controller;
	private final IEventBroker broker;
	private final ChirpConsoles consoles;
	/** Newest first. */
	private final List<Run> runs = new CopyOnWriteArrayList<>();
	private volatile List<Run> selected = List.of();

	public RunLibrary(RunController controller, IEventBroker broker, ChirpConsoles consoles) {
		this.controller = controller;
		this.broker = broker;
		this.consoles = consoles;
		controller.addListener(this);
	}

	/** Lists the runs folder's runs in a job (a thousand runs must not hold up the window). */
	public Job listRecorded(RunStore store) {
		Job job = Job.create("Listing recorded runs in " + store.root(), monitor -> {
			try {
				List<Run> recorded = store.list();
				List<Run> damaged = recorded.stream().filter(r -> r.status() == RunStatus.DAMAGED).toList();
				// runs started meanwhile stay first (newest first)
				runs.addAll(recorded.stream().filter(r -> !runs.contains(r)).toList());
				controller.continueNumbering(recorded.size());
				recorded.forEach(this::follow);
				for (Run d : damaged) {
					consoles.workbenchLine("Run folder " + d.folder() + " cannot be read: " + d.problem());
				}
				broker.post(ChirpTopics.RUNS_CHANGED, ChirpTopics.RUNS_CHANGED);
				return Status.OK_STATUS;
			} catch (IOException e) {
				consoles.workbenchError("The runs folder " + store.root() + " cannot be listed: " + e.getMessage());
				return Status.OK_STATUS;
			}
		});
		job.setSystem(true);
		job.schedule();
		return job;
	}

	private void follow(Run run) {
		run.onChange(r -> broker.post(ChirpTopics.RUNS_CHANGED, r));
	}

	/** A new run is what the user wants to see: it becomes the selection (Ctrl-click adds older runs to compare). */
	@Override
	public void runStarted(Run run) {
		runs.add(0, run);
		selected = List.of(run);
		broker.post(ChirpTopics.RUNS_CHANGED, run);
		broker.post(ChirpTopics.RUNS_SELECTED, selected);
	}

	@Override
	public void runChanged(Run run) {
		if (!run.status().isLive() && !shown().contains(run)) {
			run.unload(); // ended and recorded: read again from its folder when shown, so runs do not add up in memory
		}
		broker.post(ChirpTopics.RUNS_CHANGED, run);
	}

	/** Every run, newest first. */
	public List<Run> runs() {
		return List.copyOf(runs);
	}

	/** The runs selected in the Runs view, in the order selected there. */
	public List<Run> selected() {
		return selected;
	}

	/** Selects the runs to show (the Runs view); they are read from disk in the background if need be. */
	public void select(List<Run> chosen) {
		List<Run> now = List.copyOf(chosen);
		if (now.equals(selected)) {
			return;
		}
		List<Run> before = selected;
		selected = now;
		// recorded runs no longer shown are read again when shown again: memory holds only what is shown
		before.stream().filter(r -> !now.contains(r)).forEach(Run::unload);
		now.stream().filter(r -> !r.isLoaded() && r.status() != RunStatus.DAMAGED).forEach(this::load);
		broker.post(ChirpTopics.RUNS_SELECTED, now);
	}

	/**
	 * What the chart shows: the selected runs, else the newest live run, else the newest run whose data is here.
	 * The first is the one whose signal the signal chart shows.
	 */
	public List<Run> shown() {
		List<Run> chosen = selected;
		if (!chosen.isEmpty()) {
			return chosen;
		}
		for (Run run : runs) {
			if (run.status().isLive()) {
				return List.of(run);
			}
		}
		// the newest run whose data is here (started in this session, or shown before); a recorded run is read
		// only when selected
		return runs.stream().filter(Run::isLoaded).findFirst().map(List::of).orElse(List.of());
	}

	private void load(Run run) {
		Job job = Job.create("Reading run " + run.name(), monitor -> {
			try {
				run.load();
			} catch (IOException e) {
				consoles.workbenchError("Run " + run.name() + " cannot be read from " + run.folder() + ": " + e.getMessage());
			}
			broker.post(ChirpTopics.RUNS_CHANGED, run);
			return Status.OK_STATUS;
		});
		job.schedule();
	}

	/** Renames a run; a recorded run that no longer runs gets its metadata written again. */
	public void rename(Run run, String name) throws IOException {
		run.setName(name);
		if (!run.status().isLive() && run.folder() != null && controller.store() != null) {
			controller.store().saveName(run);
		}
	}

	/**
	 * Deletes runs and their folders.
	 *
	 * @throws IOException naming the first run that could not be deleted (a live one must be stopped first); the
	 *                     runs before it are gone
	 */
	public void delete(List<Run> doomed) throws IOException {
		for (Run run : doomed) {
			if (run.status().isLive()) {
				throw new IOException(run.name() + " is running: stop it before deleting it.");
			}
			if (run.folder() != null && controller.store() != null) {
				controller.store().delete(run);
			}
			runs.remove(run);
			List<Run> still = new ArrayList<>(selected);
			if (still.remove(run)) {
				selected = List.copyOf(still);
				broker.post(ChirpTopics.RUNS_SELECTED, selected);
			}
			broker.post(ChirpTopics.RUNS_CHANGED, ChirpTopics.RUNS_CHANGED);
		}
	}

	public void dispose() {
		controller.removeListener(this);
	}
}
