package io.chirp.core.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunSpec;
import io.chirp.core.run.RunStatus;

/**
 * The runs folder: one folder per run ({@link RunFiles}). Lists runs from their small metadata file alone, starts
 * the recording of a new run, reads a run's data when it is shown, deletes a run. Two Chirps may share a runs
 * folder: each writes only runs it created, and holds the lock of each run it writes.
 */
public final class RunStore {

	private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
			.withZone(ZoneId.systemDefault());

	private final Path root;

	public RunStore(Path root) {
		this.root = root;
	}

	public Path root() {
		return root;
	}

	/** A run's data as it was recorded: what {@link #list} gives each run to read it with. */
	private final Run.Loader loader = this::load;

	/**
	 * Every run in the folder, newest first. A run whose metadata cannot be read is listed as
	 * {@link RunStatus#DAMAGED} with the reason; the others are listed as usual.
	 */
	public List<Run> list() throws IOException {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		List<Run> runs = new ArrayList<>();
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
			for (Path folder : folders) {
				runs.add(read(folder));
			}
		}
		runs.sort(Comparator.comparingLong(Run::startEpochMillis).reversed().thenComparing(Run::id));
		return runs;
	}

	private Run read(Path folder) {
		try {
			return RunFiles.readMetadata(folder, () -> isLocked(folder), loader);
		} catch (IOException e) {
			long modified = 0;
			try {
				modified = Files.getLastModifiedTime(folder).toMillis();
			} catch (IOException ignored) {
				// listed without a time
			}
			Run damaged = new Run(folder.getFileName().toString(), folder.getFileName().toString(),
					RunSpec.of("?"), modified, 0, RunStatus.DAMAGED, 7, folder, run -> {
						throw new IOException("the run cannot be read: " + e.getMessage());
					});
			damaged.setRecordedFigures(0, null, null, e.getMessage());
			return damaged;
		}
	}

	/** Whether a Chirp (this one or another) holds the run's lock: it is being written. */
	static boolean isLocked(Path folder) {
		Path lockFile = folder.resolve(RunFiles.LOCK);
		if (!Files.exists(lockFile)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			lock.release();
			return false;
		} catch (OverlappingFileLockException e) {
			return true; // this Chirp writes it
		} catch (IOException e) {
			return false;
		}
	}

	/**
	 * Starts recording a new run into its folder (made by {@link #newFolder}).
	 *
	 * @param problems told once, on the recorder's thread, if recording stops (a full disk)
	 * @throws IOException when the folder cannot be made or locked: the run then goes on unrecorded
	 */
	public RunRecorder record(Run run, Supplier<RunFiles.Figures> figures, Consumer<String> problems) throws IOException {
		Path folder = run.folder();
		FileChannel lockChannel = FileChannel.open(folder.resolve(RunFiles.LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		try {
			FileLock lock = lockChannel.lock();
			return new RunRecorder(folder, lockChannel, lock, run, figures, problems);
		} catch (IOException | RuntimeException e) {
			lockChannel.close();
			throw e;
		}
	}

	/**
	 * A new, empty folder for a run named {@code name} that started at {@code startEpochMillis}: created here, so
	 * no other run (of this Chirp or another) can take the same one.
	 */
	public Path newFolder(String name, long startEpochMillis) throws IOException {
		Files.createDirectories(root);
		String base = FOLDER_TIME.format(Instant.ofEpochMilli(startEpochMillis)) + "-"
				+ name.replaceAll("[^\\w.-]+", "_").replaceAll("^[._]+", "");
		base = base.length() > 80 ? base.substring(0, 80) : base;
		for (int i = 1;; i++) {
			Path folder = root.resolve(i == 1 ? base : base + "-" + i);
			try {
				return Files.createDirectory(folder);
			} catch (FileAlreadyExistsException e) {
				// another run (or another Chirp) started in the same second under the same name
			}
		}
	}

	/**
	 * Reads a recorded run's data: every metric point, and the signal's newest samples (as many as a live run
	 * keeps). A last line or block cut short (the run was killed while writing) is left out; everything before it
	 * is read.
	 */
	public RunModel load(Run run) throws IOException {
		Path folder = run.folder();
		RunModel model = new RunModel(SeriesBuffer.DEFAULT_CAPACITY, run.startEpochMillis());
		Path metrics = folder.resolve(RunFiles.METRICS);
		if (Files.exists(metrics)) {
			readMetrics(metrics, model);
		}
		Path signal = folder.resolve(RunFiles.SIGNAL);
		if (Files.exists(signal)) {
			readSignal(signal, model.series());
		}
		return model;
	}

	private static void readMetrics(Path file, RunModel model) throws IOException {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE);
		boolean endsWithNewline = endsWithNewline(file);
		try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
			String header = in.readLine();
			if (header == null) {
				return;
			}
			if (!header.equals(RunFiles.METRICS_HEADER)) {
				throw new IOException(RunFiles.METRICS + " does not start with \"" + RunFiles.METRICS_HEADER + "\"");
			}
			String line = in.readLine();
			while (line != null) {
				String next = in.readLine();
				if (next == null && !endsWithNewline) {
					break; // cut short while it was written
				}
				List<String> fields = CsvLine.split(line);
				if (fields.size() == 5) {
					try {
						model.storeMetric(fields.get(0), fields.get(1), Double.parseDouble(fields.get(2)),
								Double.parseDouble(fields.get(3)), Double.parseDouble(fields.get(4)));
					} catch (NumberFormatException e) {
						// a line that is not a point (edited by hand): left out
					}
				}
				line = next;
			}
		} catch (java.io.UncheckedIOException e) {
			if (e.getCause() instanceof CharacterCodingException) {
				throw new IOException(RunFiles.METRICS + " is not UTF-8 text", e);
			}
			throw e;
		}
	}

	private static boolean endsWithNewline(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size == 0) {
				return true;
			}
			ByteBuffer last = ByteBuffer.allocate(1);
			channel.read(last, size - 1);
			return last.get(0) == '\n';
		}
	}

	private static void readSignal(Path file, SeriesBuffer into) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer chunk = ByteBuffer.allocate(4 << 20);
			while (channel.read(chunk) > 0 || chunk.position() > 0) {
				chunk.flip();
				int before = chunk.remaining();
				SignalBlocks.decode(chunk, into);
				if (chunk.remaining() == before) {
					if (chunk.remaining() == chunk.capacity()) {
						// one block larger than the chunk: read with a larger one
						ByteBuffer larger = ByteBuffer.allocate(chunk.capacity() * 2);
						larger.put(chunk);
						chunk = larger;
						continue;
					}
					if (channel.position() >= channel.size()) {
						break; // the rest is a block cut short
					}
				}
				chunk.compact();
			}
		}
	}

	/** Deletes a run's folder; refused while a Chirp writes it. */
	public void delete(Run run) throws IOException {
		Path folder = run.folder();
		if (folder == null || !Files.exists(folder)) {
			return;
		}
		if (isLocked(folder)) {
			throw new IOException(run.name() + " is being recorded: stop it before deleting it");
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	/** Writes a recorded (not live) run's metadata again: its new name. */
	public void saveName(Run run) throws IOException {
		RunFiles.writeMetadata(run.folder(), run,
				new RunFiles.Figures(run.metricPoints(), 0, 0, run.lastValues()));
	}
}
