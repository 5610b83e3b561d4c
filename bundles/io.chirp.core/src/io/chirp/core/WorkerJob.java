package io.chirp.core;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * Produces raw batches from the run's {@link DataSource} into the bounded queue. When the queue is full it waits
 * in short slices; a batch it has produced is never dropped while the receiver still runs.
 */
final class WorkerJob extends RunJob {

	static final long QUEUE_WAIT_SLICE_MILLIS = 2;
	private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
	private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);


	WorkerJob(Run run) {
		super("Chirp worker: " + run.source().name(), run);
	}

	@Override
	protected IStatus work(IProgressMonitor monitor) {
		monitor.beginTask("Producing " + run.source().name(), IProgressMonitor.UNKNOWN);
		run.message(RunListener.Source.WORKER, "worker started: " + run.source().name());
		long sequence = 0;
		long produced = 0;
		long started = System.nanoTime();
		long lastProgress = started;
		long lastReport = started;
		long producedAtLastReport = 0;
		long metricPoints = 0;
		try {
			run.source().open(new SourceEvents() {
				@Override
				public void event(String text) {
					run.message(RunListener.Source.WORKER, text);
				}

				@Override
				public void problem(String text) {
					run.message(RunListener.Source.CONTROLLER, text);
				}
			});
			while (!monitor.isCanceled()) {
				RawBatch batch = run.source().next(sequence, monitor::isCanceled);
				if (batch == null) {
					break;
				}
				if (!hand(batch)) {
					break;
				}
				run.model().addProduced(batch.size());
				produced += batch.size();
				metricPoints += batch.metrics().size();
				sequence++;
				long now = System.nanoTime();
				if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
					lastProgress = now;
					monitor.subTask(produced > 0
							? String.format("%,d samples, %,.0f samples/s", produced, produced / ((now - started) / 1e9))
							: String.format("%,d metric points", metricPoints));
				}
				if (produced > 0 && now - lastReport >= REPORT_INTERVAL_NANOS) {
					run.message(RunListener.Source.WORKER, String.format("batch %,d: %,d samples produced, %,.0f/s",
							sequence, produced, (produced - producedAtLastReport) / ((now - lastReport) / 1e9)));
					lastReport = now;
					producedAtLastReport = produced;
				}
			}
			run.message(RunListener.Source.WORKER, String.format("worker ended: %,d batches, %,d samples, %,d metric points",
					sequence, produced, metricPoints));
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		} catch (Exception | LinkageError e) {
			run.message(RunListener.Source.WORKER, "worker failed: " + e);
			return Status.error("The data source " + run.source().name() + " failed: " + e.getMessage(), e);
		} finally {
			run.source().close();
			run.workerEnded();
			monitor.done();
		}
	}

	/** Puts the batch into the queue; false when the receiver has ended and nobody will take it. */
	private boolean hand(RawBatch batch) throws InterruptedException {
		BlockingQueue<RawBatch> queue = run.queue();
		while (!queue.offer(batch, QUEUE_WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
			if (run.receiverEnded()) {
				return false;
			}
		}
		return true;
	}
}
