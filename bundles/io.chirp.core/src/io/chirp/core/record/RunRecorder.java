package io.chirp.core.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;

/**
 * Writes one run to its folder while it streams. The receiver and the output hand their data over under a short
 * lock and never wait for the disk: a writer thread of the recorder's own appends it to the files at least every
 * {@link #FLUSH_MILLIS} ms (into the operating system, so a killed Chirp loses at most that much) and replaces
 * {@code run.json} about once a second. What waits for the disk is bounded ({@link #MAX_PENDING_SIGNAL_BYTES},
 * {@link #MAX_PENDING_CHARS}): beyond it data is left out of the recording (never out of the run) and counted. A failing disk stops the recording and says
 * why once; the run goes on in memory.
 */
public final class RunRecorder implements AutoCloseable {

	static final long FLUSH_MILLIS = 250;
	static final long METADATA_MILLIS = 1000;
	/**
	 * Most signal bytes per flush: 8 MB every {@link #FLUSH_MILLIS} ms, i.e. 32 MB/s, 8 million float32 samples a
	 * second, more than any acquisition Chirp watches. A faster signal (the unpaced chirp makes 50 M samples/s) is
	 * recorded in part, the rest counted: writing 100 MB/s and more cost the pipeline 15-20 % of its rate on two
	 * cores (the kernel's copying and write-back compete with worker and receiver), 32 MB/s costs it nothing
	 * measurable (PipelineBenchmark).
	 */
	static final int MAX_PENDING_SIGNAL_BYTES = 8 << 20;
	/** Most characters of metric CSV, and of output text, waiting for the writer; beyond them lines are counted. */
	static final int MAX_PENDING_CHARS = 8 << 20;

	private final Path folder;
	private final FileChannel lockChannel;
	private final FileLock lock;
	private final FileChannel signal;
	private final FileChannel metrics;
	private final FileChannel output;
	private final Supplier<RunFiles.Figures> figures;
	private final io.chirp.core.run.Run run;
	private final Consumer<String> problems;
	private final Thread writer;

	/**
	 * Guarded by this: what waits for the writer. Direct buffers: the channel writes them as they are, where a heap
	 * buffer is first copied into a temporary direct one (a second pass over 100 MB/s at full rate).
	 */
	private ByteBuffer pendingSignal = ByteBuffer.allocateDirect(1 << 16);
	private ByteBuffer spareSignal = ByteBuffer.allocateDirect(1 << 16);
	private StringBuilder pendingMetrics = new StringBuilder();
	private StringBuilder pendingOutput = new StringBuilder();
	private long droppedSamples;
	private long droppedPoints;
	private long droppedLines;
	private String failure;
	private boolean closing;

	RunRecorder(Path folder, FileChannel lockChannel, FileLock lock, io.chirp.core.run.Run run,
			Supplier<RunFiles.Figures> figures, Consumer<String> problems) throws IOException {
		this.folder = folder;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.run = run;
		this.figures = figures;
		this.problems = problems;
		signal = open(RunFiles.SIGNAL);
		metrics = open(RunFiles.METRICS);
		output = open(RunFiles.OUTPUT);
		metrics.write(StandardCharsets.UTF_8.encode(RunFiles.METRICS_HEADER + "\n"));
		RunFiles.writeMetadata(folder, run, figures.get());
		writer = new Thread(this::writeLoop, "Chirp recorder: " + folder.getFileName());
		writer.setDaemon(true);
		writer.start();
	}

	private FileChannel open(String name) throws IOException {
		return FileChannel.open(folder.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
	}

	public Path folder() {
		return folder;
	}

	/** Records a batch's samples and metric points; {@code seconds} is when it was produced, since the run started. */
	public void record(RawBatch batch, double seconds) {
		synchronized (this) {
			if (failure != null || closing) {
				return;
			}
			int n = batch.size();
			if (n > 0) {
				int need = SignalBlocks.maxBytes(n);
				if (pendingSignal.remaining() < need && !growSignal(need)) {
					droppedSamples += n;
				} else {
					SignalBlocks.encode(batch.times(), batch.values(), n, pendingSignal);
				}
			}
			for (MetricPoint p : batch.metrics()) {
				if (pendingMetrics.length() > MAX_PENDING_CHARS) {
					droppedPoints++;
					continue;
				}
				pendingMetrics.append(RunFiles.csvField(p.name())).append(',').append(RunFiles.csvField(p.axis()))
						.append(',').append(RunFiles.csvNumber(p.x())).append(',').append(RunFiles.csvNumber(p.value()))
						.append(',').append(RunFiles.csvNumber(Math.round(seconds * 1e6) / 1e6)).append('\n');
			}
		}
	}

	/** Records one line the run printed. */
	public void output(String line, boolean stderr) {
		synchronized (this) {
			if (failure != null || closing) {
				return;
			}
			if (pendingOutput.length() > MAX_PENDING_CHARS) {
				droppedLines++;
				return;
			}
			pendingOutput.append(line).append('\n');
		}
	}

	/** Samples, points and lines left out of the recording so far, in all. */
	public synchronized long dropped() {
		return droppedSamples + droppedPoints + droppedLines;
	}

	/** What was left out, in words, or null when nothing was. */
	public synchronized String droppedText() {
		if (dropped() == 0) {
			return null;
		}
		return String.format(java.util.Locale.ROOT,
				"the recording of %s left out %,d samples, %,d metric points and %,d output lines: the disk did not keep up",
				run.name(), droppedSamples, droppedPoints, droppedLines);
	}

	/** Why recording stopped, or null while it works. */
	public synchronized String failure() {
		return failure;
	}

	private boolean growSignal(int need) {
		int wanted = Math.max(pendingSignal.capacity() * 2, pendingSignal.position() + need);
		if (wanted > MAX_PENDING_SIGNAL_BYTES) {
			return false;
		}
		ByteBuffer bigger = ByteBuffer.allocateDirect(wanted);
		pendingSignal.flip();
		bigger.put(pendingSignal);
		pendingSignal = bigger;
		return true;
	}

	private void writeLoop() {
		long lastMetadata = System.nanoTime();
		while (true) {
			boolean last;
			synchronized (this) {
				if (!closing) {
					try {
						wait(FLUSH_MILLIS);
					} catch (InterruptedException e) {
						closing = true;
					}
				}
				last = closing;
			}
			boolean ok = writePending();
			long now = System.nanoTime();
			if (ok && (last || now - lastMetadata >= TimeUnit.MILLISECONDS.toNanos(METADATA_MILLIS))) {
				lastMetadata = now;
				ok = writeMetadata();
			}
			if (last || !ok) {
				return;
			}
		}
	}

	/** Hands what is pending to the operating system; false once recording has failed. */
	private boolean writePending() {
		ByteBuffer samples;
		String points;
		String text;
		synchronized (this) {
			if (failure != null) {
				return false;
			}
			samples = pendingSignal;
			pendingSignal = spareSignal;
			pendingSignal.clear();
			spareSignal = samples;
			points = pendingMetrics.length() == 0 ? null : pendingMetrics.toString();
			pendingMetrics.setLength(0);
			text = pendingOutput.length() == 0 ? null : pendingOutput.toString();
			pendingOutput.setLength(0);
		}
		try {
			samples.flip();
			while (samples.hasRemaining()) {
				signal.write(samples);
			}
			if (points != null) {
				writeAll(metrics, StandardCharsets.UTF_8.encode(points));
			}
			if (text != null) {
				writeAll(output, StandardCharsets.UTF_8.encode(text));
			}
			return true;
		} catch (IOException | RuntimeException e) {
			fail("writing to " + folder + " failed: " + e.getMessage());
			return false;
		}
	}

	private static void writeAll(FileChannel channel, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

	private boolean writeMetadata() {
		try {
			RunFiles.writeMetadata(folder, run, figures.get());
			return true;
		} catch (IOException | RuntimeException e) {
			fail("writing " + RunFiles.METADATA + " in " + folder + " failed: " + e.getMessage());
			return false;
		}
	}

	private void fail(String reason) {
		synchronized (this) {
			if (failure != null) {
				return;
			}
			failure = "Recording stopped: " + reason + ". The run goes on in memory.";
			pendingSignal.clear();
			pendingMetrics.setLength(0);
			pendingOutput.setLength(0);
		}
		problems.accept(failure);
	}

	/** Writes the metadata now (a rename, the run's end), outside the once-a-second rhythm. */
	public void updateMetadata() {
		synchronized (this) {
			if (failure != null) {
				return;
			}
		}
		writeMetadata();
	}

	/**
	 * Writes what is pending and the final metadata, then releases the files and the lock; waits up to
	 * {@code millis} for the writer.
	 */
	public boolean close(long millis) {
		synchronized (this) {
			closing = true;
			notifyAll();
		}
		try {
			writer.join(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		for (AutoCloseable c : new AutoCloseable[] { signal, metrics, output, lock, lockChannel }) {
			try {
				c.close();
			} catch (Exception e) {
				// released either way: the process holds nothing once it ends
			}
		}
		return !writer.isAlive();
	}

	@Override
	public void close() {
		close(5000);
	}
}
