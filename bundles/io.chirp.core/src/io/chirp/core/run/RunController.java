package io.chirp.core.run;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.source.DataSource;

/**
 * Starts and stops runs: one worker job and one receiver job per run, in one job family (this controller), so
 * Stop, the Progress view and shutdown all end them the same way. Publishes state, messages and a summary to
 * {@link RunListener}s.
 */
public final class RunController {

	public static final int DEFAULT_QUEUE_CAPACITY = 64;

	private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
	private final int historyCapacity;
	private final int queueCapacity;
	private final OutputCapture capture;
	/** Guarded by this monitor: listener calls waiting to be made, and whether a thread is making them. */
	private final ArrayDeque<Consumer<RunListener>> announcements = new ArrayDeque<>();
	private boolean delivering;
	private Thread deliveringThread;
	private RunState state = RunState.IDLE;
	private Run run;
	private RunModel model;
	private long startedNanos;
	private double sampleRateHz = Double.NaN;
	private String sourceName = "Chirp";

	/** A controller without output capture: what jobs print goes wherever {@code System.out} goes. */
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

	public void addListener(RunListener listener) {
		listeners.add(listener);
	}

	public void removeListener(RunListener listener) {
		listeners.remove(listener);
	}

	/** The job family of the run's jobs, for {@code IJobManager.find/cancel/join}. */
	public Object family() {
		return this;
	}

	/** Nominal sample rate of the current (or last) run's source; NaN before the first run or when it has none. */
	public synchronized double sampleRateHz() {
		return sampleRateHz;
	}

	/** Name of the current (or last) run's source. */
	public synchronized String sourceName() {
		return sourceName;
	}

	public synchronized RunState state() {
		return state;
	}

	/** The model of the current (or last) run. */
	public synchronized RunModel model() {
		return model;
	}

	/** Starts a run reading {@code source}; what its jobs print is not captured. */
	public RunModel start(DataSource source) {
		return start(source, null);
	}

	/**
	 * Starts a run reading {@code source}.
	 *
	 * @param output receives the lines the run's jobs (and threads they start) print, when this controller has an
	 *               {@link OutputCapture}; may be null
	 * @throws IllegalStateException when a run is in progress: there is never a second pipeline
	 */
	public RunModel start(DataSource source, OutputSink output) {
		RunModel started;
		synchronized (this) {
			if (state != RunState.IDLE) {
				throw new IllegalStateException("A run is already in progress (" + state.name().toLowerCase()
						+ "): stop it before starting another.");
			}
			model = new RunModel(historyCapacity);
			sampleRateHz = source.sampleRateHz();
			sourceName = source.name();
			run = new Run(source, model, queueCapacity, this, capture, output);
			WorkerJob worker = new WorkerJob(run);
			ReceiverJob receiver = new ReceiverJob(run);
			run.setWorker(worker);
			Run thisRun = run;
			JobsEnded ended = new JobsEnded(thisRun);
			worker.addJobChangeListener(ended);
			receiver.addJobChangeListener(ended);
			startedNanos = System.nanoTime();
			setState(RunState.RUNNING);
			announce(l -> l.message(RunListener.Source.CONTROLLER, "Run of " + source.name() + " started"));
			// scheduled under the monitor: a Stop that comes now finds both jobs scheduled and cancels the worker
			receiver.schedule();
			worker.schedule();
			started = model;
		}
		deliverAnnouncements();
		return started;
	}

	/**
	 * Stops the run: cancels the worker, lets the receiver take what the worker already queued, and waits up to
	 * {@code timeoutMillis} for both to end.
	 *
	 * @return true when no job of the run is left
	 */
	public boolean stop(long timeoutMillis) throws InterruptedException {
		requestStop();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		for (Job job : Job.getJobManager().find(family())) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0 || !job.join(left, null)) {
				return false;
			}
		}
		synchronized (this) {
			// the summary is published by the last job's done event; wait for it, and for the listeners to have been
			// told (unless this thread is the one telling them), so callers see IDLE and the summary
			while (state != RunState.IDLE
					|| (delivering || !announcements.isEmpty()) && deliveringThread != Thread.currentThread()) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					return false;
				}
				wait(left);
			}
		}
		return true;
	}

	/**
	 * Stops the run for shutdown: a regular {@link #stop} for up to {@code gracefulMillis}, then the source is
	 * killed (a program and all its children end at once) and the jobs get {@code killMillis} more.
	 *
	 * @return true when no job of the run is left
	 */
	public boolean stopForShutdown(long gracefulMillis, long killMillis) throws InterruptedException {
		if (stop(gracefulMillis)) {
			return true;
		}
		Run current;
		synchronized (this) {
			current = run;
		}
		if (current != null) {
			current.source().kill();
		}
		return stop(killMillis);
	}

	/**
	 * Asks the run to stop and returns at once (for the UI thread): the worker is cancelled, the receiver takes
	 * what was queued, and listeners get the summary and {@link RunState#IDLE} when both jobs have ended.
	 */
	public void requestStop() {
		Run current;
		synchronized (this) {
			if (state == RunState.RUNNING) {
				setState(RunState.STOPPING);
			}
			current = run;
		}
		deliverAnnouncements();
		if (current != null) {
			// only the worker: the receiver ends by itself once it has taken what the worker queued. Job.cancel is
			// called without this monitor: it may wait for the job manager's event delivery, which may be inside
			// JobsEnded.done waiting for this monitor (a deadlock the job manager breaks only after 3 s)
			current.cancelWorker();
		}
	}

	/** Called with the monitor held: the change is announced by {@link #deliverAnnouncements()} once it is let go. */
	private void setState(RunState newState) {
		state = newState;
		notifyAll();
		announce(l -> l.stateChanged(newState));
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

	/** Publishes the summary once both jobs of a run are done. */
	private final class JobsEnded extends JobChangeAdapter {
		private final Run ofRun;
		private final MultiStatus statuses = new MultiStatus("io.chirp.core", 0, "Run ended", null);
		private int done;

		JobsEnded(Run ofRun) {
			this.ofRun = ofRun;
		}

		@Override
		public void done(IJobChangeEvent event) {
			RunSummary summary;
			boolean last;
			boolean stopWorker;
			synchronized (RunController.this) {
				if (event.getResult() != null && !event.getResult().isOK()) {
					statuses.add(event.getResult());
				}
				// a job cancelled before it ran never reaches its own finally: mark it ended here too
				boolean worker = event.getJob() instanceof WorkerJob;
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
			synchronized (RunController.this) {
				RunModel m = ofRun.model();
				long unreceived = m.produced() - m.received();
				if (unreceived > 0) {
					m.addMissing(unreceived);
				}
				IStatus status = worst();
				summary = new RunSummary(ofRun.source().name(), System.nanoTime() - startedNanos, m.batches(),
						m.produced(), m.received(), m.lost(), m.metricPoints(), status);
				run = null;
				RunSummary ended = summary;
				announce(l -> l.message(RunListener.Source.CONTROLLER, ended.describe()));
				announce(l -> l.runEnded(ended));
				setState(RunState.IDLE);
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
