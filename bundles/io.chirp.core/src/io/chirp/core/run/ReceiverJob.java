package io.chirp.core.run;

import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.chirp.core.model.RefinedBatch;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SignalRefiner;

/**
 * Takes batches from the queue, refines them (elapsed time, min/max, sequence check, and what the source's
 * {@link SignalRefiner} reads from its signal) and stores them in
 * the run model. It ends only after the worker has ended and the queue is empty, so what was produced arrives;
 * cancelling it stops the worker first.
 */
final class ReceiverJob extends RunJob {

	static final long POLL_SLICE_MILLIS = 2;
	private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
	private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private long expectedSequence;
	private final SignalRefiner refiner;
	private String signal;

	ReceiverJob(Run run) {
		super("Chirp receiver: " + run.source().name(), run);
		refiner = run.source().refiner();
	}

	@Override
	protected IStatus work(IProgressMonitor monitor) {
		monitor.beginTask("Receiving " + run.source().name(), IProgressMonitor.UNKNOWN);
		run.message(RunListener.Source.RECEIVER, "receiver started");
		long started = System.nanoTime();
		long lastProgress = started;
		long lastReport = started;
		try {
			while (true) {
				if (monitor.isCanceled()) {
					run.cancelWorker(); // stop producing; what is queued is still taken below
				}
				if (run.workerHasEnded() && run.queue().isEmpty()) {
					break;
				}
				RawBatch batch = run.queue().poll(POLL_SLICE_MILLIS, TimeUnit.MILLISECONDS);
				if (batch == null) {
					continue;
				}
				if (batch == Run.END_OF_DATA) {
					continue;
				}
				RefinedBatch refined = refine(batch);
				run.model().store(batch, refined);
				run.source().recycle(batch); // the model copied the samples: the arrays may be refilled
				run.model().setQueueDepth(run.queue().size());
				run.batchStored();
				long now = System.nanoTime();
				if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
					lastProgress = now;
					monitor.subTask(run.model().received() > 0
							? String.format("%,d samples, %,.0f samples/s%s", run.model().received(),
									run.model().received() / ((now - started) / 1e9), signal == null ? "" : ", " + signal)
							: String.format("%,d metric points", run.model().metricPoints()));
				}
				if (now - lastReport >= REPORT_INTERVAL_NANOS) {
					lastReport = now;
					double latencyMillis = (refined.receivedNanos() - refined.producedNanos()) / 1e6;
					run.message(RunListener.Source.RECEIVER, refined.size() > 0 ? String.format(
							"t = %.2f s: %s, min %.3f, max %.3f, latency %.2f ms, queue %d, batch %,d",
							refined.elapsedSeconds(), refined.signal() == null ? "-" : refined.signal(),
							refined.min(), refined.max(), latencyMillis,
							run.queue().size(), refined.sequence())
							: String.format("%,d metric points in %d series, latency %.2f ms, queue %d, batch %,d",
									run.model().metricPoints(), run.model().metricNames().size(), latencyMillis,
									run.queue().size(), refined.sequence()));
				}
			}
			run.message(RunListener.Source.RECEIVER,
					String.format("receiver ended: %,d batches, %,d samples", expectedSequence, run.model().received()));
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		} catch (RuntimeException | LinkageError e) {
			run.message(RunListener.Source.RECEIVER, "receiver failed: " + e);
			return Status.error("The receiver failed: " + e.getMessage(), e);
		} finally {
			run.receiverEnded(true);
			run.cancelWorker();
			monitor.done();
		}
	}

	private RefinedBatch refine(RawBatch batch) {
		if (batch.sequence() != expectedSequence) {
			long missingBatches = batch.sequence() - expectedSequence;
			run.model().addMissing(missingBatches * batch.size());
			run.message(RunListener.Source.RECEIVER, "sequence gap: expected " + expectedSequence + ", got "
					+ batch.sequence());
		}
		expectedSequence = batch.sequence() + 1;
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		double[] times = batch.times();
		double[] values = batch.values();
		for (double v : values) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		if (refiner != null && values.length > 0) {
			signal = refiner.refine(times, values);
		}
		return new RefinedBatch(batch.sequence(), values.length, values.length == 0 ? Double.NaN : times[values.length - 1],
				batch.producedNanos(), signal, min, max, System.nanoTime());
	}
}
