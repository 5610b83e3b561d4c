package io.chirp.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads metrics from the plain lines a program prints, such as {@code step=120 loss=0.4312 acc=0.871},
 * {@code epoch 3: val_loss=0.52}, {@code loss: 0.43 - accuracy: 0.87} or a JSON object per line
 * ({@code {"step": 1, "loss": 0.9}}). A step, epoch or iteration field becomes the x position of the line's
 * metrics. A value that starts like a number but is not one ({@code loss=0.4x3}, {@code loss=nan}) is malformed:
 * counted, never fatal. Words ({@code model=resnet}) are not metrics.
 */
public final class MetricLineParser {

	/** Field names that give the x position rather than a metric. */
	public static final Set<String> STEP_KEYS = Set.of("step", "steps", "global_step", "epoch", "iteration", "iter", "it");

	/** Lines longer than this are not searched for metrics (they are still output). */
	public static final int MAX_PARSED_CHARS = 64 * 1024;

	private static final String NUMBER = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?";
	private static final Pattern NUMERIC = Pattern.compile(NUMBER + "%?");
	private static final Pattern KEY_EQUALS = Pattern.compile("(?<![\\w.])([A-Za-z_][\\w./-]*)\\s*=\\s*([^\\s,;|]+)");
	/** {@code name: number} only when the number ends the line or a separator follows ({@code - | , ;}). */
	private static final Pattern KEY_COLON = Pattern.compile(
			"(?<![\\w.])([A-Za-z_][\\w./-]*[A-Za-z0-9_]):\\s+(" + NUMBER + ")(?=\\s*(?:$|[-|,;]\\s))");
	private static final Pattern STEP_WORD = Pattern
			.compile("(?i)(?<![\\w.])(step|epoch|iteration|iter)\\s+(\\d+)(?:\\s*/\\s*\\d+)?(?![\\w.])");

	/**
	 * What one line held.
	 *
	 * @param stepKey   the step field's name, or null when the line has none
	 * @param step      the step field's value, or NaN
	 * @param values    metric name to value, in the order of the line
	 * @param malformed the {@code name=value} texts whose value is not a number
	 */
	public record Parsed(String stepKey, double step, Map<String, Double> values, List<String> malformed) {

		public boolean hasMetrics() {
			return !values.isEmpty();
		}
	}

	private static final Parsed NOTHING = new Parsed(null, Double.NaN, Map.of(), List.of());

	public Parsed parse(String line) {
		if (line == null || line.isBlank() || line.length() > MAX_PARSED_CHARS) {
			return NOTHING;
		}
		String trimmed = line.strip();
		if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
			return parseJson(trimmed);
		}
		return parseText(line);
	}

	private Parsed parseText(String line) {
		Map<String, Double> values = new LinkedHashMap<>();
		List<String> malformed = new ArrayList<>();
		String stepKey = null;
		double step = Double.NaN;

		Matcher word = STEP_WORD.matcher(line);
		if (word.find()) {
			stepKey = word.group(1).toLowerCase(Locale.ROOT);
			step = Double.parseDouble(word.group(2));
		}
		for (Pattern pattern : List.of(KEY_EQUALS, KEY_COLON)) {
			Matcher m = pattern.matcher(line);
			while (m.find()) {
				String key = m.group(1);
				String text = m.group(2);
				if (values.containsKey(key)) {
					continue;
				}
				Double value = number(text);
				if (value == null) {
					if (looksNumeric(text)) {
						malformed.add(key + "=" + text);
					}
					continue;
				}
				if (STEP_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
					if (stepKey == null) {
						stepKey = key.toLowerCase(Locale.ROOT);
						step = value;
					}
				} else {
					values.put(key, value);
				}
			}
		}
		return new Parsed(stepKey, step, values, malformed);
	}

	/** The number in {@code text}, or null. A trailing % is allowed; NaN and infinities are not numbers here. */
	static Double number(String text) {
		if (!NUMERIC.matcher(text).matches()) {
			return null;
		}
		String digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
		return Double.valueOf(digits);
	}

	/** Starts like a number, or is a NaN/infinity spelling: then a failed parse is a malformed value. */
	static boolean looksNumeric(String text) {
		String t = text.toLowerCase(Locale.ROOT);
		if (t.matches("[-+]?(nan|inf|infinity)")) {
			return true;
		}
		char c = t.charAt(0);
		return Character.isDigit(c) || c == '.' || ((c == '-' || c == '+') && t.length() > 1
				&& (Character.isDigit(t.charAt(1)) || t.charAt(1) == '.'));
	}

	private Parsed parseJson(String text) {
		Map<String, Object> object;
		try {
			object = new FlatJson(text).object();
		} catch (IllegalArgumentException e) {
			return new Parsed(null, Double.NaN, Map.of(), List.of("JSON: " + e.getMessage()));
		}
		Map<String, Double> values = new LinkedHashMap<>();
		List<String> malformed = new ArrayList<>();
		String stepKey = null;
		double step = Double.NaN;
		for (Map.Entry<String, Object> e : object.entrySet()) {
			Object v = e.getValue();
			Double value = null;
			if (v instanceof Double d) {
				value = d;
			} else if (v instanceof String s && looksNumeric(s)) {
				malformed.add(e.getKey() + "=" + s);
			}
			if (value == null) {
				continue;
			}
			if (STEP_KEYS.contains(e.getKey().toLowerCase(Locale.ROOT)) && stepKey == null) {
				stepKey = e.getKey().toLowerCase(Locale.ROOT);
				step = value;
			} else {
				values.put(e.getKey(), value);
			}
		}
		return new Parsed(stepKey, step, values, malformed);
	}

	/**
	 * A JSON object reader for one line: top-level members only; numbers become Doubles, strings Strings, nested
	 * values and literals are skipped.
	 */
	private static final class FlatJson {
		private final String s;
		private int i;

		FlatJson(String s) {
			this.s = s;
		}

		Map<String, Object> object() {
			Map<String, Object> members = new LinkedHashMap<>();
			expect('{');
			skipSpace();
			if (peek() == '}') {
				i++;
				return members;
			}
			while (true) {
				skipSpace();
				String key = string();
				skipSpace();
				expect(':');
				skipSpace();
				members.put(key, value());
				skipSpace();
				char c = next();
				if (c == '}') {
					skipSpace();
					if (i != s.length()) {
						throw new IllegalArgumentException("text after the object at " + i);
					}
					return members;
				}
				if (c != ',') {
					throw new IllegalArgumentException("expected , or } at " + (i - 1));
				}
			}
		}

		private Object value() {
			char c = peek();
			if (c == '"') {
				return string();
			}
			if (c == '{' || c == '[') {
				skipNested();
				return null;
			}
			int start = i;
			while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) {
				i++;
			}
			String token = s.substring(start, i);
			if (token.isEmpty()) {
				throw new IllegalArgumentException("missing value at " + start);
			}
			if (token.equals("true") || token.equals("false") || token.equals("null")) {
				return null;
			}
			Double number = number(token);
			if (number == null) {
				// NaN, Infinity and other non-JSON numbers: keep the text so it is counted as malformed
				return token;
			}
			return number;
		}

		private String string() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (true) {
				char c = next();
				if (c == '"') {
					return out.toString();
				}
				if (c == '\\') {
					char e = next();
					switch (e) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'r' -> out.append('\r');
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'u' -> {
						if (i + 4 > s.length()) {
							throw new IllegalArgumentException("bad \\u escape at " + i);
						}
						out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
						i += 4;
					}
					default -> out.append(e);
					}
				} else {
					out.append(c);
				}
			}
		}

		private void skipNested() {
			int depth = 0;
			boolean inString = false;
			do {
				char c = next();
				if (inString) {
					if (c == '\\') {
						next();
					} else if (c == '"') {
						inString = false;
					}
				} else if (c == '"') {
					inString = true;
				} else if (c == '{' || c == '[') {
					depth++;
				} else if (c == '}' || c == ']') {
					depth--;
				}
			} while (depth > 0);
		}

		private void skipSpace() {
			while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
				i++;
			}
		}

		private char peek() {
			if (i >= s.length()) {
				throw new IllegalArgumentException("unexpected end");
			}
			return s.charAt(i);
		}

		private char next() {
			char c = peek();
			i++;
			return c;
		}

		private void expect(char c) {
			if (next() != c) {
				throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
			}
		}
	}
}
