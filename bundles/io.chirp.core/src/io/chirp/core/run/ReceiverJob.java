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

	ReceiverJob(Pipeline pipeline) {
		super("Chirp receiver: " + pipeline.run().name(), pipeline);
		refiner = pipeline.source().refiner();
	}

	@Override
	protected IStatus work(IProgressMonitor monitor) {
		pipeline.receiverStarted();
		monitor.beginTask("Receiving " + pipeline.source().name(), IProgressMonitor.UNKNOWN);
		pipeline.message(RunListener.Source.RECEIVER, "receiver started");
		long started = System.nanoTime();
		long lastProgress = started;
		long lastReport = started;
		try {
			while (true) {
				if (monitor.isCanceled()) {
					pipeline.cancelWorker(); // stop producing; what is queued is still taken below
				}
				if (pipeline.workerHasEnded() && pipeline.queue().isEmpty()) {
					break;
				}
				RawBatch batch = pipeline.queue().poll(POLL_SLICE_MILLIS, TimeUnit.MILLISECONDS);
				if (batch == null) {
					continue;
				}
				if (batch == Pipeline.END_OF_DATA) {
					continue;
				}
				RefinedBatch refined = refine(batch);
				pipeline.model().store(batch, refined);
				pipeline.model().setQueueDepth(pipeline.batchesQueued());
				pipeline.batchStored(batch); // recorded here, before its arrays go back
				pipeline.source().recycle(batch); // the model and the recorder copied the samples: they may be refilled
				long now = System.nanoTime();
				if (now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
					lastProgress = now;
					monitor.subTask(pipeline.model().received() > 0
							? String.format("%,d samples, %,.0f samples/s%s", pipeline.model().received(),
									pipeline.model().received() / ((now - started) / 1e9), signal == null ? "" : ", " + signal)
							: String.format("%,d metric points", pipeline.model().metricPoints()));
				}
				if (now - lastReport >= REPORT_INTERVAL_NANOS) {
					lastReport = now;
					double latencyMillis = (refined.receivedNanos() - refined.producedNanos()) / 1e6;
					pipeline.message(RunListener.Source.RECEIVER, refined.size() > 0 ? String.format(
							"t = %.2f s: %s, min %.3f, max %.3f, latency %.2f ms, queue %d, batch %,d",
							refined.elapsedSeconds(), refined.signal() == null ? "-" : refined.signal(),
							refined.min(), refined.max(), latencyMillis,
							pipeline.queue().size(), refined.sequence())
							: String.format("%,d metric points in %d series, latency %.2f ms, queue %d, batch %,d",
									pipeline.model().metricPoints(), pipeline.model().metricNames().size(), latencyMillis,
									pipeline.queue().size(), refined.sequence()));
				}
			}
			pipeline.message(RunListener.Source.RECEIVER,
					String.format("receiver ended: %,d batches, %,d samples", expectedSequence, pipeline.model().received()));
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		} catch (RuntimeException | LinkageError e) {
			pipeline.message(RunListener.Source.RECEIVER, "receiver failed: " + e);
			return Status.error("The receiver failed: " + e.getMessage(), e);
		} finally {
			// the depth was set after each store, with the worker's last batches still queued behind it
			pipeline.model().setQueueDepth(pipeline.batchesQueued());
			pipeline.receiverEnded(true);
			pipeline.cancelWorker();
			monitor.done();
		}
	}

	private RefinedBatch refine(RawBatch batch) {
		if (batch.sequence() != expectedSequence) {
			long missingBatches = batch.sequence() - expectedSequence;
			pipeline.model().addMissing(missingBatches * batch.size());
			pipeline.message(RunListener.Source.RECEIVER, "sequence gap: expected " + expectedSequence + ", got "
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
