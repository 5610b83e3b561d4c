package io.chirp.core.run;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.chirp.core.model.RunModel;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.record.RunRecorder;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.RawBatch;

/** What the worker and receiver of one run share: source, queue, model, recorder, and who has ended. */
final class Pipeline {

	/** Put into the queue when the worker ends, so a waiting receiver wakes at once instead of after its poll slice. */
	static final RawBatch END_OF_DATA = new RawBatch(-1, 0, new double[0], new double[0], 0);

	private final Run run;
	private final DataSource source;
	private final RunModel model;
	private final BlockingQueue<RawBatch> queue;
	private final RunController controller;
	private final OutputCapture capture;
	private final OutputSink output;
	private final long startedNanos = System.nanoTime();
	private volatile RunRecorder recorder;
	private volatile Run.Loader loader;
	private final java.util.concurrent.atomic.AtomicBoolean workerEnded = new java.util.concurrent.atomic.AtomicBoolean();
	private volatile boolean receiverEnded;
	private volatile boolean receiverStarted;
	private volatile boolean stopRequested;
	private volatile WorkerJob worker;
	private volatile ReceiverJob receiver;

	private final java.util.function.Function<Run, OutputSink> outputs;

	Pipeline(Run run, DataSource source, int queueCapacity, RunController controller, OutputCapture capture,
			java.util.function.Function<Run, OutputSink> outputs) {
		this.run = run;
		this.outputs = outputs;
		OutputSink output = outputs.apply(run);
		this.source = source;
		this.capture = capture;
		this.model = run.model();
		this.queue = new ArrayBlockingQueue<>(queueCapacity);
		this.controller = controller;
		this.output = output == null ? null : recorded(output);
	}

	/** The run's output, also written to its recording once there is one. */
	private OutputSink recorded(OutputSink sink) {
		return new OutputSink() {
			@Override
			public void line(String line, boolean stderr) {
				sink.line(line, stderr);
				RunRecorder r = recorder;
				if (r != null) {
					r.output(line, stderr);
				}
			}

			@Override
			public void lines(java.util.List<String> lines, boolean stderr) {
				sink.lines(lines, stderr);
				RunRecorder r = recorder;
				if (r != null) {
					lines.forEach(l -> r.output(l, stderr));
				}
			}

			@Override
			public void redraw(String line, boolean stderr) {
				sink.redraw(line, stderr); // a bar's states are not kept: its final state comes as a line
			}

			@Override
			public void notice(String text, boolean stderr) {
				sink.notice(text, stderr);
			}
		};
	}

	Run run() {
		return run;
	}

	long startedNanos() {
		return startedNanos;
	}

	void setRecorder(RunRecorder r) {
		recorder = r;
	}

	RunRecorder recorder() {
		return recorder;
	}

	/** How the run is read back from its recording, once that is closed. */
	void setLoader(Run.Loader l) {
		loader = l;
	}

	Run.Loader loader() {
		return loader;
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

	/** The controller's job family: both jobs of every run belong to it (Stop All, shutdown). */
	Object family() {
		return controller;
	}

	void setJobs(WorkerJob w, ReceiverJob r) {
		this.worker = w;
		this.receiver = r;
	}

	ReceiverJob receiver() {
		return receiver;
	}

	WorkerJob worker() {
		return worker;
	}

	void cancelWorker() {
		WorkerJob w = worker;
		if (w != null) {
			w.cancel();
		}
	}

	void requestStop() {
		stopRequested = true;
	}

	boolean stopRequested() {
		return stopRequested;
	}

	void workerEnded() {
		// once: the worker's own end and its job's done event both say it, and a second marker queued behind the
		// receiver's exit made the run show "queue 1" after it had ended (batchesQueued counts one marker)
		if (workerEnded.compareAndSet(false, true)) {
			queue.offer(END_OF_DATA); // when the queue is full the receiver is busy anyway and sees the flag next
		}
	}

	/** Batches waiting in the queue; the end-of-data marker, which only wakes the receiver, is not one. */
	int batchesQueued() {
		int size = queue.size();
		return size > 0 && queue.contains(END_OF_DATA) ? size - 1 : size;
	}

	boolean workerHasEnded() {
		return workerEnded.get();
	}

	void receiverEnded(boolean ended) {
		receiverEnded = ended;
	}

	/** Its receiver job began its work (a job cancelled while it waits never does). */
	void receiverStarted() {
		receiverStarted = true;
	}

	boolean hasReceiverStarted() {
		return receiverStarted;
	}

	boolean receiverEnded() {
		return receiverEnded;
	}

	/** After the receiver stored a batch: into the recording, and a note to the listeners. */
	void batchStored(RawBatch batch) {
		RunRecorder r = recorder;
		if (r != null) {
			r.record(batch, model.secondsAt(batch.producedNanos()));
		}
		controller.publishBatchStored(model);
	}

	/** A run of its own for {@code child}, beside this one, with this run's source and parameters recorded. */
	void startChild(String name, DataSource child) {
		RunSpec spec = run.spec();
		controller.startRun(child, outputs, new RunSpec(name, spec.sourceId(), spec.sourceLabel(), spec.parameters()));
	}

	void message(RunListener.Source from, String text) {
		controller.publishMessage(from, "[" + run.name() + "] " + text);
	}
}
