package io.chirp.core.text;

import java.util.Locale;

import io.chirp.core.source.SourceEvents;

/**
 * Passes on to a source's {@link SourceEvents} what its {@link MetricReader} found beside the points: malformed
 * values (the first {@link #MALFORMED_REPORTED} one by one, then only counted), segments started, too many names,
 * lines that could not be read.
 */
public final class ReadingReport {

	/** How many malformed values are reported one by one before only the total is. */
	static final int MALFORMED_REPORTED = 20;

	private final SourceEvents events;
	private final String name;
	private long malformed;

	public ReadingReport(SourceEvents events, String name) {
		this.events = events;
		this.name = name;
	}

	public void report(MetricReader.Reading reading, long lineNumber) {
		for (String bad : reading.malformed()) {
			if (++malformed <= MALFORMED_REPORTED) {
				events.problem(String.format(Locale.ROOT, "%s line %,d: malformed value %s%s", name, lineNumber, bad,
						malformed == MALFORMED_REPORTED ? " (further ones are only counted)" : ""));
			}
		}
		reading.notes().forEach(events::event);
		reading.problems().forEach(p -> events.problem(name + ": " + p));
	}

	/** Malformed values seen so far. */
	public long malformed() {
		return malformed;
	}
}
