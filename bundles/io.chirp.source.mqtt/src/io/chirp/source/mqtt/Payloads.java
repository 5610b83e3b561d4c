package io.chirp.source.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import io.chirp.core.source.MetricPoint;

/** What the {@code metrics} and {@code status} messages of a remote run say. */
final class Payloads {

	/** Keys that give a metrics message its x, in the order they are looked for. */
	private static final List<String> STEP_KEYS = List.of("step", "global_step", "iteration", "iter", "epoch");

	private Payloads() {
	}

	/**
	 * The points of one JSON object ({@code {"step": 12, "loss": 0.41, "acc": 0.9}}): every number but the step is a
	 * metric at that step (or, without one, at the seconds since the run was first seen). Null when the payload is
	 * not a JSON object.
	 */
	static List<MetricPoint> metrics(String text, RemoteRun run) {
		JsonObject object;
		try {
			JsonElement parsed = JsonParser.parseString(text);
			if (!parsed.isJsonObject()) {
				return null;
			}
			object = parsed.getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			return null;
		}
		String axis = MetricPoint.TIME_AXIS;
		double x = Double.NaN;
		for (String key : STEP_KEYS) {
			JsonElement e = object.get(key);
			if (e instanceof JsonPrimitive p && p.isNumber()) {
				axis = key;
				x = p.getAsDouble();
				break;
			}
		}
		if (Double.isNaN(x)) {
			x = run.secondsSinceSeen();
		}
		List<MetricPoint> points = new ArrayList<>();
		for (Map.Entry<String, JsonElement> e : object.entrySet()) {
			if (e.getKey().equals(axis) || !(e.getValue() instanceof JsonPrimitive p) || !p.isNumber()) {
				continue;
			}
			double value = p.getAsDouble();
			if (Double.isFinite(value)) {
				points.add(new MetricPoint(e.getKey(), axis, x, value));
			}
		}
		return points;
	}

	/**
	 * A status message: {@code started}, {@code ended}, {@code ended 3} or an exit code alone ({@code 0}), or JSON
	 * {@code {"state": "ended", "exitCode": 3}}.
	 */
	static void status(String text, RemoteRun run) {
		String t = text.strip();
		String state = t;
		Integer code = null;
		if (t.startsWith("{")) {
			try {
				JsonObject o = JsonParser.parseString(t).getAsJsonObject();
				state = o.has("state") ? o.get("state").getAsString() : "";
				code = o.has("exitCode") && !o.get("exitCode").isJsonNull() ? o.get("exitCode").getAsInt() : null;
			} catch (RuntimeException e) {
				run.event("status not understood: " + t);
				return;
			}
		} else if (t.matches("-?\\d+")) {
			state = "ended";
			code = Integer.valueOf(t);
		} else if (t.matches("(ended|exited)\\s+-?\\d+")) {
			state = "ended";
			code = Integer.valueOf(t.replaceAll("\\D*(-?\\d+)$", "$1"));
		}
		if (state.equals("started")) {
			run.event("the remote run says it started");
		} else if (state.equals("ended") || state.equals("exited") || state.equals("finished")) {
			run.event("the remote run says it ended" + (code == null ? "" : " with exit code " + code));
			run.end(code);
		} else {
			run.event("status: " + t);
		}
	}
}
