package io.chirp.core.text;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.chirp.core.source.MetricPoint;

/**
 * {@code chirp metrics FILE}: what Chirp reads in a finished log, without the workbench or a display. Prints the
 * metrics as CSV on stdout ({@code metric,axis,x,value}, a header line first) and a short summary on stderr. Exit
 * code 0 even when nothing was found; 1 when the file cannot be read (with a one-line reason), 2 on wrong usage.
 * Needs only this bundle and Gson on the class path.
 */
public final class MetricsCommand {

	static final int MALFORMED_SHOWN = 20;

	private MetricsCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 1 || args[0].isEmpty()) {
			err.println("usage: chirp metrics FILE   (prints the metrics Chirp finds in FILE as CSV)");
			return 2;
		}
		Path file = Path.of(args[0]);
		long[] malformedShown = { 0 };
		long[] points = { 0 };
		MetricReader metrics;
		Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		try (Reader in = LogReading.utf8(Files.newInputStream(file))) {
			csv.write("metric,axis,x,value\n");
			metrics = LogReading.read(in, (reading, lineNumber) -> {
				try {
					for (MetricPoint p : reading.points()) {
						csv.write(csvField(p.name()) + ',' + csvField(p.axis()) + ',' + number(p.x()) + ',' + number(p.value())
								+ '\n');
						points[0]++;
					}
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				for (String bad : reading.malformed()) {
					if (malformedShown[0]++ < MALFORMED_SHOWN) {
						err.printf(Locale.ROOT, "line %,d: malformed value %s%n", lineNumber, bad);
					}
				}
				reading.problems().forEach(p -> err.printf(Locale.ROOT, "line %,d: %s%n", lineNumber, p));
			});
			csv.flush();
		} catch (IOException | UncheckedIOException e) {
			err.println("chirp metrics: cannot read " + file + ": " + reason(e));
			return 1;
		}
		List<String> names = metrics.metricNames();
		err.printf(Locale.ROOT, "%s: %,d lines, %d metrics%s, %,d points, %,d malformed values, %,d progress bars%s%n",
				file, metrics.lines(), names.size(), names.isEmpty() ? "" : " (" + abbreviated(names) + ")", points[0],
				metrics.malformedValues(), metrics.barsSeen(),
				metrics.failures() > 0 ? String.format(Locale.ROOT, ", %,d lines not readable", metrics.failures()) : "");
		return 0;
	}

	private static String reason(Exception e) {
		Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
		if (cause instanceof java.nio.file.NoSuchFileException) {
			return "no such file";
		}
		if (cause instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (cause.getMessage() != null && cause.getMessage().contains("Is a directory")) {
			return "it is a folder";
		}
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
	}

	private static String abbreviated(List<String> names) {
		return names.size() <= 8 ? String.join(", ", names) : String.join(", ", names.subList(0, 8)) + ", ...";
	}

	/** A CSV field: quoted when it holds a comma, quote or line end (RFC 4180). */
	static String csvField(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return '"' + text.replace("\"", "\"\"") + '"';
			}
		}
		return text;
	}

	static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
	}
}
