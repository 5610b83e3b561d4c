package io.chirp.core.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.QualifiedName;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.record.RunFiles;
import io.chirp.core.record.RunRecorder;
import io.chirp.core.record.RunStore;
import io.chirp.core.source.DataSource;

/**
 * Starts and stops runs, any number at once: each run has its own worker and receiver job (in the job family of
 * its {@link Run} and of this controller, so Stop, Stop All, the Progress view and shutdown all end them the same
 * way), its own model, and its own recording when the controller has a {@link RunStore}. Publishes state,
 * messages and summaries to {@link RunListener}s.
 */
public final class RunController {

	public static final int DEFAULT_QUEUE_CAPACITY = 64;

	/**
	 * Set on a run's job whose error the workbench should keep in the Progress view rather than show in a dialog:
	 * the watched program failed, not Chirp ({@link io.chirp.core.source.SourceFailedException}). It is the
	 * workbench's {@code IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY}, which the core, free of UI
	 * bundles, cannot name (a UI test holds the two equal).
	 */
	public static final QualifiedName ERROR_NOT_PROMPTED = new QualifiedName("org.eclipse.ui.workbench.progress",
			"delayErrorPrompt");
	/** How long the end of a run waits for its recording to reach the disk. */
	private static final long RECORDER_CLOSE_MILLIS = 2000;

	private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
	private final int historyCapacity;
	private final int queueCapacity;
	private final OutputCapture capture;
	private volatile RunStore store;
	/** Guarded by this monitor: listener calls waiting to be made, and whether a thread is making them. */
	private final ArrayDeque<Consumer<RunListener>> announcements = new ArrayDeque<>();
	private boolean delivering;
	private Thread deliveringThread;
	private RunState state = RunState.IDLE;
	private final List<Pipeline> active = new ArrayList<>();
	private Run newest;
	private RunModel model;
	private double sampleRateHz = Double.NaN;
	private String sourceName = "Chirp";
	private int runsStarted;

	/** A controller without output capture or recording: what jobs print goes wherever {@code System.out} goes. */
	public RunController() {
		this(SeriesBuffer.DEFAULT_CAPACITY, DEFAULT_QUEUE_CAPACITY, null);
	}

	/**
	 * @param capture routes what a run's jobs print to the sink given to {@link #start(DataSource, OutputSink)};
	 *                may be null
	 */
	public RunController(int historyCapacity, int queueCapacity, OutputCapture capture) {
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("queueCapacity = " + queueCapacity + " is invalid: allowed range [1, ...)");
		}
		this.historyCapacity = historyCapacity;
		this.queueCapacity = queueCapacity;
		this.capture = capture;
		this.model = new RunModel(1);
	}

	/** Records every run started from now on into {@code runs} (null: none is recorded). */
	public void setStore(RunStore runs) {
		store = runs;
	}

	public RunStore store() {
		return store;
	}

	/** Numbers (and colours) new runs after {@code runsSoFar} runs: a recorded history continues, never repeats. */
	public synchronized void continueNumbering(int runsSoFar) {
		runsStarted = Math.max(runsStarted, runsSoFar);
	}

	public void addListener(RunListener listener) {
		listeners.add(listener);
	}

	public void removeListener(RunListener listener) {
		listeners.remove(listener);
	}

	/** The job family of every run's jobs, for {@code IJobManager.find/cancel/join}; a {@link Run} is its own. */
	public Object family() {
		return this;
	}

	/** Nominal sample rate of the newest run's source; NaN before the first run or when it has none. */
	public synchronized double sampleRateHz() {
		return sampleRateHz;
	}

	/** Name of the newest run's source. */
	public synchronized String sourceName() {
		return sourceName;
	}

	/** {@link RunState#RUNNING} while any run runs, STOPPING while all that are left are stopping, else IDLE. */
	public synchronized RunState state() {
		return state;
	}

	/** The model of the newest run. */
	public synchronized RunModel model() {
		return model;
	}

	/** The newest run started, or null before the first. */
	public synchronized Run newest() {
		return newest;
	}

	/** The runs whose jobs run now, oldest first. */
	public synchronized List<Run> runs() {
		return active.stream().map(Pipeline::run).toList();
	}

	/** Starts a run reading {@code source}; what its jobs print is not captured. */
	public RunModel start(DataSource source) {
		return start(source, null);
	}

	/** Starts a run reading {@code source}, named after it; returns its model. */
	public RunModel start(DataSource source, OutputSink output) {
		return startRun(source, run -> output, RunSpec.of(source.name())).model();
	}

	/**
	 * Starts a run reading {@code source}, beside any others running.
	 *
	 * @param output the sink of the lines the run's jobs (and threads they start) print, when this controller has an
	 *               {@link OutputCapture}: made for the run (a console that prefixes its name); may return null
	 */
	public Run startRun(DataSource source, Function<Run, OutputSink> output, RunSpec spec) {
		Run run;
		synchronized (this) {
			int number = ++runsStarted;
			String name = spec.name() == null || spec.name().isBlank() ? source.name() + " " + number : spec.name().strip();
			RunModel runModel = new RunModel(historyCapacity);
			RunStore runs = store;
			Path folder = null;
			String recordingProblem = null;
			if (runs != null) {
				try {
					folder = runs.newFolder(name, runModel.startEpochMillis());
				} catch (IOException | RuntimeException e) {
					recordingProblem = "Not recorded: the folder for " + name + " could not be made in " + runs.root() + " ("
							+ e.getMessage() + "). The run goes on in memory.";
				}
			}
			run = new Run(folder == null ? "run-" + number : folder.getFileName().toString(), name, spec, runModel,
					number - 1, folder);
			Pipeline pipeline = new Pipeline(run, source, queueCapacity, this, capture, output);
			if (folder != null) {
				try {
					RunRecorder recorder = runs.record(run, () -> figures(pipeline), reason -> recordingFailed(run, reason));
					pipeline.setRecorder(recorder);
					pipeline.setLoader(runs::load); // the run is read from its folder once the recording is closed
				} catch (IOException | RuntimeException e) {
					recordingProblem = "Not recorded: " + folder + " could not be written (" + e.getMessage()
							+ "). The run goes on in memory.";
				}
			}
			if (recordingProblem != null) {
				run.recordingFailed(recordingProblem);
				String problem = recordingProblem;
				announce(l -> l.message(RunListener.Source.CONTROLLER, problem));
			}
			run.onChange(this::runChanged);
			model = runModel;
			newest = run;
			sampleRateHz = source.sampleRateHz();
			sourceName = source.name();
			WorkerJob worker = new WorkerJob(pipeline);
			ReceiverJob receiver = new ReceiverJob(pipeline);
			pipeline.setJobs(worker, receiver);
			JobsEnded ended = new JobsEnded(pipeline);
			worker.addJobChangeListener(ended);
			receiver.addJobChangeListener(ended);
			active.add(pipeline);
			Run started = run;
			announce(l -> l.runStarted(started));
			announce(l -> l.message(RunListener.Source.CONTROLLER, "Run " + started.name() + " of " + source.name()
					+ " started" + (started.folder() == null ? "" : ", recorded in " + started.folder())));
			updateState();
			// scheduled under the monitor: a Stop that comes now finds both jobs scheduled and cancels the worker
			receiver.schedule();
			worker.schedule();
		}
		deliverAnnouncements();
		return run;
	}

	private static RunFiles.Figures figures(Pipeline pipeline) {
		RunModel m = pipeline.model();
		RunRecorder r = pipeline.recorder();
		return new RunFiles.Figures(m.metricPoints(), m.received(), r == null ? 0 : r.dropped(), pipeline.run().lastValues());
	}

	private void recordingFailed(Run run, String reason) {
		run.recordingFailed(reason);
		publishMessage(RunListener.Source.CONTROLLER, reason);
	}

	/** A run's name, status or recording changed: told to the listeners, in order, never under this monitor. */
	private void runChanged(Run run) {
		synchronized (this) {
			announce(l -> l.runChanged(run));
		}
		if (!Thread.holdsLock(this)) {
			deliverAnnouncements();
		}
		RunRecorder recorder = recorderOf(run);
		if (recorder != null && !run.status().isLive()) {
			return; // the end writes the metadata itself
		}
		if (recorder != null) {
			recorder.updateMetadata(); // a new name is on disk at once
		}
	}

	private synchronized RunRecorder recorderOf(Run run) {
		Pipeline p = activePipeline(run);
		return p == null ? null : p.recorder();
	}

	/**
	 * Stops every run: cancels their workers, lets the receivers take what the workers already queued, and waits
	 * up to {@code timeoutMillis} for all jobs to end.
	 *
	 * @return true when no job of any run is left
	 */
	public boolean stop(long timeoutMillis) throws InterruptedException {
		requestStop();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		if (!joinJobs(family(), deadline)) {
			return false;
		}
		synchronized (this) {
			// the summary is published by the last job's done event; wait for it, and for the listeners to have been
			// told (unless this thread is the one telling them), so callers see IDLE and the summary
			while (state != RunState.IDLE || undelivered()) {
				if (!waitUntil(deadline)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Stops one run as {@link #stop(long)} stops all; the others go on.
	 *
	 * @return true when no job of the run is left
	 */
	public boolean stop(Run run, long timeoutMillis) throws InterruptedException {
		requestStop(run);
		return join(run, timeoutMillis);
	}

	/**
	 * Waits up to {@code timeoutMillis} for a run to end by itself (and the listeners to have been told), without
	 * stopping it.
	 *
	 * @return true when no job of the run is left
	 */
	public boolean join(Run run, long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		if (!joinJobs(run, deadline)) {
			return false;
		}
		synchronized (this) {
			// until the run's end is handled whole (its recording closed and, when whole, readable), not only its
			// status: the jobs' join may return while the last job's done event is still being handled
			while (run.status().isLive() || activePipeline(run) != null || undelivered()) {
				if (!waitUntil(deadline)) {
					return false;
				}
			}
		}
		return true;
	}

	/** With the monitor held: the run's pipeline until its end has been handled, else null. */
	private Pipeline activePipeline(Run run) {
		for (Pipeline p : active) {
			if (p.run() == run) {
				return p;
			}
		}
		return null;
	}

	private static boolean joinJobs(Object family, long deadline) throws InterruptedException {
		for (Job job : Job.getJobManager().find(family)) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0 || !job.join(left, null)) {
				return false;
			}
		}
		return true;
	}

	/** With the monitor held: whether listeners have yet to be told something (by a thread other than this one). */
	private boolean undelivered() {
		return (delivering || !announcements.isEmpty()) && deliveringThread != Thread.currentThread();
	}

	private boolean waitUntil(long deadline) throws InterruptedException {
		long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
		if (left <= 0) {
			return false;
		}
		wait(left);
		return true;
	}

	/**
	 * Stops every run for shutdown: a regular {@link #stop} for up to {@code gracefulMillis}, then each source is
	 * killed (a program and all its children end at once) and the jobs get {@code killMillis} more.
	 *
	 * @return true when no job of any run is left
	 */
	public boolean stopForShutdown(long gracefulMillis, long killMillis) throws InterruptedException {
		if (stop(gracefulMillis)) {
			return true;
		}
		List<Pipeline> left;
		synchronized (this) {
			left = List.copyOf(active);
		}
		left.forEach(p -> p.source().kill());
		return stop(killMillis);
	}

	/** Asks every run to stop and returns at once (for the UI thread); see {@link #requestStop(Run)}. */
	public void requestStop() {
		List<Pipeline> stopping;
		synchronized (this) {
			stopping = List.copyOf(active);
		}
		stopping.forEach(this::requestStop);
	}

	/**
	 * Asks one run to stop and returns at once (for the UI thread): its worker is cancelled, its receiver takes what
	 * was queued, and listeners get its summary when both jobs have ended. A run that is not running is left alone.
	 */
	public void requestStop(Run run) {
		Pipeline pipeline = null;
		synchronized (this) {
			for (Pipeline p : active) {
				if (p.run() == run) {
					pipeline = p;
				}
			}
		}
		if (pipeline != null) {
			requestStop(pipeline);
		}
	}

	private void requestStop(Pipeline pipeline) {
		boolean first;
		synchronized (this) {
			first = !pipeline.stopRequested();
			if (first) {
				pipeline.requestStop();
				updateState();
			}
		}
		if (first) {
			pipeline.run().markStopping(); // outside the monitor: it writes the run's metadata
		}
		deliverAnnouncements();
		// only the worker: the receiver ends by itself once it has taken what the worker queued. Job.cancel is
		// called without this monitor: it may wait for the job manager's event delivery, which may be inside
		// JobsEnded.done waiting for this monitor (a deadlock the job manager breaks only after 3 s)
		pipeline.cancelWorker();
	}

	/** With the monitor held: the state of all runs together, announced when it changes. */
	private void updateState() {
		RunState now = active.isEmpty() ? RunState.IDLE
				: active.stream().anyMatch(p -> !p.stopRequested()) ? RunState.RUNNING : RunState.STOPPING;
		if (now != state) {
			state = now;
			announce(l -> l.stateChanged(now));
		}
		notifyAll();
	}

	/** Called with the monitor held: queues a call to every listener, in the order of the changes. */
	private void announce(Consumer<RunListener> call) {
		announcements.add(call);
	}

	/**
	 * Calls the listeners with what was announced, in order, never holding the monitor: the UI thread takes it
	 * (every {@code @CanExecute}, every frame), so a listener that waits for the UI thread must not hold it. One
	 * thread delivers at a time; one that finds another delivering leaves its announcements to it.
	 */
	private void deliverAnnouncements() {
		while (true) {
			Consumer<RunListener> next;
			synchronized (this) {
				if (delivering || announcements.isEmpty()) {
					return;
				}
				delivering = true;
				deliveringThread = Thread.currentThread();
				next = announcements.poll();
			}
			try {
				for (RunListener l : listeners) {
					next.accept(l);
				}
			} finally {
				synchronized (this) {
					delivering = false;
					deliveringThread = null;
					notifyAll(); // stop() waits for the listeners to have been told
				}
			}
		}
	}

	void publishBatchStored(RunModel stored) {
		for (RunListener l : listeners) {
			l.batchStored(stored);
		}
	}

	void publishMessage(RunListener.Source from, String text) {
		for (RunListener l : listeners) {
			l.message(from, text);
		}
	}

	/** Publishes a run's summary once both its jobs are done. */
	private final class JobsEnded extends JobChangeAdapter {
		private final Pipeline ofRun;
		private final MultiStatus statuses = new MultiStatus("io.chirp.core", 0, "Run ended", null);
		private int done;

		JobsEnded(Pipeline ofRun) {
			this.ofRun = ofRun;
		}

		@Override
		public void done(IJobChangeEvent event) {
			boolean last;
			boolean stopWorker;
			boolean worker = event.getJob() instanceof WorkerJob;
			if (!worker && !ofRun.hasReceiverStarted()) {
				// the receiver was cancelled while it waited (the Progress view lists waiting jobs too), perhaps
				// after the worker had begun: what was produced must still arrive, so another receiver takes it, as
				// one cancelled while running does, and the run ends cancelled
				synchronized (RunController.this) {
					statuses.add(org.eclipse.core.runtime.Status.CANCEL_STATUS);
				}
				ofRun.cancelWorker();
				ReceiverJob again = new ReceiverJob(ofRun);
				again.addJobChangeListener(this);
				again.schedule();
				return;
			}
			synchronized (RunController.this) {
				if (event.getResult() != null && !event.getResult().isOK()) {
					statuses.add(event.getResult());
				}
				// a job cancelled before it ran never reaches its own finally: mark it ended here too
				if (worker) {
					ofRun.workerEnded();
				} else {
					ofRun.receiverEnded(true);
				}
				last = ++done == 2;
				stopWorker = !worker && !last;
			}
			if (stopWorker) {
				ofRun.cancelWorker(); // outside the monitor: see requestStop
			}
			if (!last) {
				return;
			}
			RunModel m = ofRun.model();
			long unreceived = m.produced() - m.received();
			if (unreceived > 0) {
				m.addMissing(unreceived);
			}
			IStatus status = worst();
			Run run = ofRun.run();
			RunSummary summary = new RunSummary(run.name(), ofRun.source().name(), System.nanoTime() - ofRun.startedNanos(),
					m.batches(), m.produced(), m.received(), m.lost(), m.metricPoints(), status);
			RunStatus outcome = switch (status.getSeverity()) {
			case IStatus.OK -> RunStatus.FINISHED;
			case IStatus.CANCEL -> RunStatus.STOPPED;
			default -> RunStatus.FAILED;
			};
			RunRecorder recorder = ofRun.recorder();
			synchronized (RunController.this) {
				run.ended(summary, outcome, ofRun.source().exitCode(),
						outcome == RunStatus.FAILED ? status.getMessage() : null);
			}
			if (recorder != null) {
				// the final metadata and the last data, then the lock goes; only a whole recording may stand in for
				// the data in memory (a run let go of before this was read back without its last points)
				if (recorder.close(RECORDER_CLOSE_MILLIS)) {
					run.readableWith(ofRun.loader());
				}
				String dropped = recorder.droppedText();
				if (dropped != null) {
					synchronized (RunController.this) {
						announce(l -> l.message(RunListener.Source.CONTROLLER, "Warning: " + dropped));
					}
				}
			}
			long dropped = m.droppedMetricPoints();
			if (dropped > 0) {
				synchronized (RunController.this) {
					announce(l -> l.message(RunListener.Source.CONTROLLER, String.format(java.util.Locale.ROOT,
							"Warning: %,d metric points of %s are no longer in memory (steps went back more than %,d times;"
									+ " its recording keeps them)", dropped, run.name(), io.chirp.core.model.MetricSeries.MAX_SEGMENTS)));
				}
			}
			synchronized (RunController.this) {
				active.remove(ofRun);
				announce(l -> l.message(RunListener.Source.CONTROLLER, summary.describe()));
				announce(l -> l.runEnded(summary));
				updateState();
			}
			deliverAnnouncements();
		}

		/** An error beats a cancellation (whose severity constant is numerically higher), which beats OK. */
		private IStatus worst() {
			for (IStatus s : statuses.getChildren()) {
				if (s.getSeverity() == IStatus.ERROR) {
					return s;
				}
			}
			return statuses.isOK() ? org.eclipse.core.runtime.Status.OK_STATUS
					: org.eclipse.core.runtime.Status.CANCEL_STATUS;
		}
	}
}
