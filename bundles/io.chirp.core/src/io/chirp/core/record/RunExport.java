package io.chirp.core.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.Run;

/**
 * A run as {@code series,x,value} CSV rows: every point of its recording (memory holds only the newest at full
 * resolution), or, for a run that is not recorded, every point memory holds.
 */
public final class RunExport {

	public static final String HEADER = "series,x,value";

	private RunExport() {
	}

	/**
	 * Writes {@code run}'s rows, each series named {@code prefix + name} ({@code signal} for the signal).
	 *
	 * @return where the rows came from: {@code "recording"} or {@code "memory"}
	 */
	public static String writeRows(Run run, String prefix, Writer out) throws IOException {
		Path folder = run.folder();
		if (folder != null && run.recordingProblem() == null && Files.exists(folder.resolve(RunFiles.METRICS))) {
			writeSignal(folder.resolve(RunFiles.SIGNAL), prefix, out);
			writeMetrics(folder.resolve(RunFiles.METRICS), prefix, out);
			return "recording";
		}
		RunModel model = run.model();
		if (model != null) {
			writeHeld(out, prefix + "signal", model.series().all());
			for (String name : model.metricNames()) {
				for (SeriesBuffer segment : model.metricSeries(name).segments()) {
					writeHeld(out, prefix + name, segment.all());
				}
			}
		}
		return "memory";
	}

	private static void writeHeld(Writer out, String series, SeriesBuffer.Decimation all) throws IOException {
		String name = RunFiles.csvField(series);
		for (int i = 0; i < all.points(); i++) {
			out.write(name + ',' + all.times()[i] + ',' + all.values()[i] + '\n');
		}
	}

	private static void writeMetrics(Path file, String prefix, Writer out) throws IOException {
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String line = in.readLine(); // the header
			while ((line = in.readLine()) != null) {
				List<String> f = CsvLine.split(line);
				if (f.size() == 5) {
					out.write(RunFiles.csvField(prefix + f.get(0)) + ',' + f.get(2) + ',' + f.get(3) + '\n');
				}
			}
		}
	}

	private static void writeSignal(Path file, String prefix, Writer out) throws IOException {
		if (!Files.exists(file)) {
			return;
		}
		String name = RunFiles.csvField(prefix + "signal");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer in = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
			StringBuilder row = new StringBuilder();
			while (in.remaining() >= 4) {
				int header = in.getInt();
				int n = Math.abs(header);
				long need = header > 0 ? 16L + 4L * n : 12L * n;
				if (header == 0 || header == Integer.MIN_VALUE || in.remaining() < need) {
					break; // the end, or a block cut short
				}
				double first = 0;
				double interval = 0;
				double[] times = null;
				if (header > 0) {
					first = in.getDouble();
					interval = in.getDouble();
				} else {
					times = new double[n];
					for (int i = 0; i < n; i++) {
						times[i] = in.getDouble();
					}
				}
				for (int i = 0; i < n; i++) {
					double t = times == null ? first + i * interval : times[i];
					row.setLength(0);
					row.append(name).append(',').append(t).append(',').append(in.getFloat()).append('\n');
					out.write(row.toString());
				}
			}
		}
	}
}
