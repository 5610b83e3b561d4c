package io.chirp.core.run;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.chirp.core.model.RunModel;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.RawBatch;

/** What the worker and receiver of one run share: source, queue, model, and who has ended. */
final class Run {

	/** Put into the queue when the worker ends, so a waiting receiver wakes at once instead of after its poll slice. */
	static final RawBatch END_OF_DATA = new RawBatch(-1, 0, new double[0], new double[0], 0);

	private final DataSource source;
	private final RunModel model;
	private final BlockingQueue<RawBatch> queue;
	private final RunController controller;
	private final OutputCapture capture;
	private final OutputSink output;
	private volatile boolean workerEnded;
	private volatile boolean receiverEnded;
	private volatile WorkerJob worker;

	Run(DataSource source, RunModel model, int queueCapacity, RunController controller, OutputCapture capture,
			OutputSink output) {
		this.source = source;
		this.capture = capture;
		this.output = output;
		this.model = model;
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.controller = controller;
	}

	/** Routes what the calling job thread (and threads it starts) prints to the run's output sink. */
	OutputCapture.Binding bindOutput() {
		return capture == null || output == null ? () -> {
		} : capture.bind(output);
	}

	/**
	 * Text the source's program printed, to the run's output sink (or the standard streams when the run has none).
	 * Called by the source's own threads, which may not be bound to the run's output.
	 */
	void output(String line, boolean stderr, boolean redraw) {
		if (output == null) {
			if (!redraw) {
				(stderr ? System.err : System.out).println(line);
			}
		} else if (redraw) {
			output.redraw(line, stderr);
		} else {
			output.line(line, stderr);
		}
	}

	DataSource source() {
		return source;
	}

	RunModel model() {
		return model;
	}

	BlockingQueue<RawBatch> queue() {
		return queue;
	}

	/** The job family: both jobs of this run belong to it. */
	Object family() {
		return controller;
	}

	void setWorker(WorkerJob worker) {
		this.worker = worker;
	}

	void cancelWorker() {
		WorkerJob w = worker;
		if (w != null) {
			w.cancel();
		}
	}

	void workerEnded() {
		workerEnded = true;
		queue.offer(END_OF_DATA); // when the queue is full the receiver is busy anyway and sees the flag next
	}

	boolean workerHasEnded() {
		return workerEnded;
	}

	void receiverEnded(boolean ended) {
		receiverEnded = ended;
	}

	boolean receiverEnded() {
		return receiverEnded;
	}

	void batchStored() {
		controller.publishBatchStored(model);
	}

	void message(RunListener.Source from, String text) {
		controller.publishMessage(from, text);
	}
}
