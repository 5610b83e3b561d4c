package io.chirp.core.run;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.ProgressBar;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;
import io.chirp.core.source.SourceFailedException;

/**
 * Produces raw batches from the run's {@link DataSource} into the bounded queue. When the queue is full it waits
 * in short slices; a batch it has produced is never dropped while the receiver still runs.
 */
final class WorkerJob extends RunJob {

	static final long QUEUE_WAIT_SLICE_MILLIS = 2;
	private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
	private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);


	private static final int PROGRESS_TICKS = 1000;

	private final String taskName;
	/** Work shown of the current determinate task, or -1 while the progress is indeterminate. */
	private int ticksShown = -1;

	WorkerJob(Pipeline pipeline) {
		super("Chirp worker: " + pipeline.run().name(), pipeline);
		taskName = "Producing " + pipeline.source().name();
	}

	@Override
	protected IStatus work(IProgressMonitor monitor) {
		monitor.beginTask(taskName, IProgressMonitor.UNKNOWN);
		pipeline.message(RunListener.Source.WORKER, "worker started: " + pipeline.source().name());
		long sequence = 0;
		long produced = 0;
		long started = System.nanoTime();
		long lastProgress = started;
		long lastReport = started;
		long producedAtLastReport = 0;
		long metricPoints = 0;
		long lastBarShown = started;
		boolean closed = false;
		try {
			pipeline.source().open(new SourceEvents() {
				@Override
				public void event(String text) {
					pipeline.message(RunListener.Source.WORKER, text);
				}

				@Override
				public void problem(String text) {
					pipeline.message(RunListener.Source.CONTROLLER, text);
				}

				@Override
				public void output(String line, boolean stderr, boolean redraw) {
					pipeline.output(line, stderr, redraw);
				}

				@Override
				public void startRun(String name, DataSource source) {
					pipeline.startChild(name, source);
				}
			});
			while (!monitor.isCanceled()) {
				RawBatch batch = pipeline.source().next(sequence, monitor::isCanceled);
				if (batch == null) {
					break;
				}
				long now = System.nanoTime();
				if (now - lastBarShown >= PROGRESS_INTERVAL_NANOS) {
					lastBarShown = now;
					showBar(monitor, pipeline.source().progress());
				}
				if (batch.size() == 0 && batch.metrics().isEmpty()) {
					continue; // "nothing yet": not queued, and the same sequence number is asked for again
				}
				if (!hand(batch)) {
					break;
				}
				pipeline.model().addProduced(batch.size());
				produced += batch.size();
				metricPoints += batch.metrics().size();
				sequence++;
				if (now - lastProgress >= PROGRESS_INTERVAL_NANOS && ticksShown < 0) { // a bar says more than a count
					lastProgress = now;
					monitor.subTask(produced > 0
							? String.format("%,d samples, %,.0f samples/s", produced, produced / ((now - started) / 1e9))
							: String.format("%,d metric points", metricPoints));
				}
				if (produced > 0 && now - lastReport >= REPORT_INTERVAL_NANOS) {
					pipeline.message(RunListener.Source.WORKER, String.format("batch %,d: %,d samples produced, %,.0f/s",
							sequence, produced, (produced - producedAtLastReport) / ((now - lastReport) / 1e9)));
					lastReport = now;
					producedAtLastReport = produced;
				}
			}
			// what the source read while it was being closed (a program's last lines after Stop) is data like the rest
			pipeline.source().close();
			closed = true;
			RawBatch rest = pipeline.source().remaining(sequence);
			if (rest != null && (rest.size() > 0 || !rest.metrics().isEmpty()) && hand(rest)) {
				pipeline.model().addProduced(rest.size());
				produced += rest.size();
				metricPoints += rest.metrics().size();
				sequence++;
			}
			pipeline.message(RunListener.Source.WORKER, String.format("worker ended: %,d batches, %,d samples, %,d metric points",
					sequence, produced, metricPoints));
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		} catch (SourceFailedException e) {
			// the watched program failed, not Chirp: its message alone, and no dialog over the window (the Runs
			// view, the status line and the Progress view say it; a sweep of failing runs must not stack dialogs)
			pipeline.message(RunListener.Source.WORKER, "worker ended: " + e.getMessage());
			setProperty(RunController.ERROR_NOT_PROMPTED, Boolean.TRUE);
			return Status.error("The data source " + pipeline.source().name() + " failed: " + e.getMessage());
		} catch (Exception | LinkageError e) {
			pipeline.message(RunListener.Source.WORKER, "worker failed: " + e);
			return Status.error("The data source " + pipeline.source().name() + " failed: " + e.getMessage(), e);
		} finally {
			pipeline.model().setProgress(null);
			if (!closed) {
				pipeline.source().close();
			}
			pipeline.workerEnded();
			monitor.done();
		}
	}

	/**
	 * Shows the source's progress bar as the job's progress: determinate while a bar with a total is drawn
	 * ({@code Epoch 2: 26/57, 21.9 it/s, ETA 0:02}), indeterminate between bars or without one. A new task begins
	 * when the bar starts over, since the work done can only grow within one task.
	 */
	private void showBar(IProgressMonitor monitor, ProgressBar bar) {
		pipeline.model().setProgress(bar);
		double fraction = bar == null ? Double.NaN : bar.fraction();
		if (Double.isNaN(fraction)) {
			if (ticksShown >= 0) {
				monitor.beginTask(taskName, IProgressMonitor.UNKNOWN);
				ticksShown = -1;
			}
			if (bar != null) {
				monitor.setTaskName(bar.describe());
			}
			return;
		}
		int ticks = (int) Math.round(fraction * PROGRESS_TICKS);
		if (ticksShown < 0 || ticks < ticksShown) {
			monitor.beginTask(bar.describe(), PROGRESS_TICKS);
			monitor.subTask("");
			ticksShown = 0;
		}
		monitor.worked(ticks - ticksShown);
		ticksShown = ticks;
		monitor.setTaskName(bar.describe());
	}

	/** Puts the batch into the queue; false when the receiver has ended and nobody will take it. */
	private boolean hand(RawBatch batch) throws InterruptedException {
		BlockingQueue<RawBatch> queue = pipeline.queue();
		while (!queue.offer(batch, QUEUE_WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
			if (pipeline.receiverEnded()) {
				return false;
			}
		}
		return true;
	}
}
