package io.chirp.core.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value a source asks for when a run of it starts, described so that any UI can show and remember it: the New
 * Run dialog builds a source's page from its parameters, and remembers what was typed per source.
 *
 * @param key          stable name under which the value is passed to {@link DataSourceFactory#create} and remembered
 * @param label        what the page calls it, with the unit ({@code "Sample rate [samples/s]"})
 * @param kind         how it is edited
 * @param defaultValue the value when nothing was remembered
 * @param help         a tooltip sentence, or empty
 */
public record SourceParameter(String key, String label, Kind kind, String defaultValue, String help) {

	/** How a value is edited. */
	public enum Kind {
		/** One line of text. */
		TEXT,
		/** A number, typed as text (the factory says which numbers it accepts). */
		NUMBER,
		/** Several lines ({@code NAME=value} lines, say). */
		LINES,
		/** A folder, with a Browse... button. */
		FOLDER,
		/** A file to read, with a Browse... button. */
		FILE,
		/**
		 * A password: shown masked, never in the preferences; saved in Eclipse secure storage only when the user
		 * ticks the box beside it (per {@link DataSourceFactory#secretOwner}).
		 */
		SECRET
	}

	public SourceParameter {
		if (key == null || !key.matches("[A-Za-z][A-Za-z0-9_.]*")) {
			throw new IllegalArgumentException("key = " + key + " is invalid: a letter, then letters, digits, _ and .");
		}
		if (label == null || label.isBlank()) {
			throw new IllegalArgumentException("label of " + key + " is empty");
		}
		if (kind == null) {
			throw new IllegalArgumentException("kind of " + key + " is missing");
		}
		defaultValue = defaultValue == null ? "" : defaultValue;
		help = help == null ? "" : help;
	}

	/** Each parameter's default, by key, in order. */
	public static Map<String, String> defaults(List<SourceParameter> parameters) {
		Map<String, String> values = new LinkedHashMap<>();
		parameters.forEach(p -> values.put(p.key(), p.defaultValue()));
		return values;
	}
}
