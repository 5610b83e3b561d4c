package io.chirp.core.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.chirp.core.run.Run;
import io.chirp.core.run.RunSpec;
import io.chirp.core.run.RunStatus;

/**
 * The files of a recorded run, one folder per run (see README, "Runs on disk"):
 * <ul>
 * <li>{@code run.json}: what was run and where it stands (replaced whole, atomically, about once a second);</li>
 * <li>{@code metrics.csv}: every metric point, {@code metric,axis,x,value,seconds} (append-only);</li>
 * <li>{@code signal.bin}: the signal's samples in blocks (append-only, little-endian, see {@link SignalBlocks});</li>
 * <li>{@code output.txt}: the text the run printed (append-only);</li>
 * <li>{@code run.lock}: locked while a Chirp writes the run.</li>
 * </ul>
 */
public final class RunFiles {

	/** The format this Chirp writes; a run written in a higher one is listed as damaged rather than misread. */
	public static final int FORMAT = 1;
	public static final String METADATA = "run.json";
	public static final String METRICS = "metrics.csv";
	public static final String SIGNAL = "signal.bin";
	public static final String OUTPUT = "output.txt";
	public static final String LOCK = "run.lock";
	public static final String METRICS_HEADER = "metric,axis,x,value,seconds";

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
			.serializeSpecialFloatingPointValues().create();

	private RunFiles() {
	}

	/** What {@code run.json} holds, beyond the run itself: figures of its data. */
	public record Figures(long metricPoints, long samples, long droppedFromRecording, Map<String, Double> lastValues) {
	}

	/** Replaces {@code run.json} at once (written beside, then moved): a reader never sees half of it. */
	public static void writeMetadata(Path folder, Run run, Figures figures) throws IOException {
		JsonObject o = new JsonObject();
		o.addProperty("format", FORMAT);
		o.addProperty("name", run.name());
		o.addProperty("source", run.spec().sourceLabel());
		o.addProperty("sourceId", run.spec().sourceId());
		JsonObject parameters = new JsonObject();
		run.spec().parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
				.forEach(e -> parameters.addProperty(e.getKey(), e.getValue()));
		o.add("parameters", parameters);
		o.addProperty("started", Instant.ofEpochMilli(run.startEpochMillis()).toString());
		o.addProperty("startedMillis", run.startEpochMillis());
		o.addProperty("ended", run.endEpochMillis() == 0 ? null : Instant.ofEpochMilli(run.endEpochMillis()).toString());
		o.addProperty("endedMillis", run.endEpochMillis() == 0 ? null : run.endEpochMillis());
		o.addProperty("state", run.status().label());
		o.addProperty("exitCode", run.exitCode());
		o.addProperty("problem", run.problem());
		o.addProperty("recordingProblem", run.recordingProblem());
		o.addProperty("colour", run.colourIndex());
		o.addProperty("metricPoints", figures.metricPoints());
		o.addProperty("samples", figures.samples());
		o.addProperty("droppedFromRecording", figures.droppedFromRecording());
		JsonObject last = new JsonObject();
		figures.lastValues().forEach(last::addProperty);
		o.add("lastValues", last);
		Path temporary = folder.resolve(METADATA + ".tmp");
		Files.writeString(temporary, GSON.toJson(o) + "\n", StandardCharsets.UTF_8);
		Files.move(temporary, folder.resolve(METADATA), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Reads a run's metadata.
	 *
	 * @param live    whether a Chirp holds the run's lock now (a run recorded as running but not locked was
	 *                interrupted); asked only of a run recorded as running
	 * @throws IOException with a message that says what is wrong: missing, not JSON, a newer format
	 */
	public static Run readMetadata(Path folder, java.util.function.BooleanSupplier live, Run.Loader loader)
			throws IOException {
		Path file = folder.resolve(METADATA);
		if (!Files.exists(file)) {
			throw new IOException("no " + METADATA + " (not a run, or its recording never started)");
		}
		JsonObject o;
		try {
			JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
			if (!parsed.isJsonObject()) {
				throw new IOException(METADATA + " is not a JSON object");
			}
			o = parsed.getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new IOException(METADATA + " is damaged (" + e.getMessage() + ")", e);
		}
		try {
			int format = o.has("format") ? o.get("format").getAsInt() : 0;
			if (format > FORMAT) {
				throw new IOException("written by a newer Chirp (format " + format + "; this Chirp reads format " + FORMAT + ")");
			}
			if (format < 1) {
				throw new IOException(METADATA + " names no format");
			}
			Map<String, String> parameters = new LinkedHashMap<>();
			if (o.has("parameters") && o.get("parameters").isJsonObject()) {
				o.getAsJsonObject("parameters").entrySet().forEach(e -> parameters.put(e.getKey(),
						e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
			}
			RunSpec spec = new RunSpec(text(o, "name"), text(o, "sourceId"), text(o, "source"), parameters);
			RunStatus status = RunStatus.ofLabel(text(o, "state"));
			if (status == null) {
				throw new IOException("unknown state \"" + text(o, "state") + "\"");
			}
			if (status.isLive() && !live.getAsBoolean()) {
				status = RunStatus.INTERRUPTED; // recorded as running, and nobody writes it: killed or crashed
			}
			long started = o.get("startedMillis").getAsLong();
			long ended = o.has("endedMillis") && !o.get("endedMillis").isJsonNull() ? o.get("endedMillis").getAsLong() : 0;
			String name = text(o, "name");
			Run run = new Run(folder.getFileName().toString(), name == null || name.isBlank() ? folder.getFileName().toString() : name,
					spec, started, ended, status, o.has("colour") ? o.get("colour").getAsInt() : 0, folder, loader);
			Map<String, Double> last = new LinkedHashMap<>();
			if (o.has("lastValues") && o.get("lastValues").isJsonObject()) {
				o.getAsJsonObject("lastValues").entrySet().forEach(e -> {
					if (e.getValue().isJsonPrimitive()) {
						last.put(e.getKey(), e.getValue().getAsDouble());
					}
				});
			}
			JsonElement code = o.get("exitCode");
			run.setRecordedFigures(o.has("metricPoints") ? o.get("metricPoints").getAsLong() : 0, last,
					code == null || code.isJsonNull() ? null : code.getAsInt(), text(o, "problem"));
			return run;
		} catch (RuntimeException e) {
			throw new IOException(METADATA + " is damaged (" + e + ")", e);
		}
	}

	private static String text(JsonObject o, String key) {
		JsonElement e = o.get(key);
		return e == null || e.isJsonNull() ? null : e.getAsString();
	}

	/** One CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing spaces. */
	public static String csvField(String s) {
		if (s.matches("[^,\"\\r\\n]*") && s.equals(s.strip())) {
			return s;
		}
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/** A number as CSV: the shortest text that reads back as the same double ({@code NaN}, {@code Infinity} kept). */
	public static String csvNumber(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e15) {
			return Long.toString((long) v);
		}
		return Double.toString(v);
	}
}
