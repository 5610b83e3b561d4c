package io.chirp.core.run;

import java.util.Map;

/**
 * What was run, as the user asked for it: recorded with the run so it can be told apart and started again.
 *
 * @param name        the run's name, or null/blank for one made from the source's name
 * @param sourceId    the id of the source's factory ({@code io.chirp.source.process}), or null
 * @param sourceLabel the source's name as the user knows it ("Program")
 * @param parameters  the values the run was started with (command line, working directory, environment...)
 */
public record RunSpec(String name, String sourceId, String sourceLabel, Map<String, String> parameters) {

	public RunSpec {
		parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
	}

	/** A run with nothing known beyond the source's name (tests, the API). */
	public static RunSpec of(String sourceName) {
		return new RunSpec(null, null, sourceName, Map.of());
	}
}
