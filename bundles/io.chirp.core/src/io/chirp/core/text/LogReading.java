package io.chirp.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads text the way Chirp reads a running program's output ({@link TerminalLines}, then {@link MetricReader}), for
 * a finished log: {@code chirp metrics FILE} and <i>File &gt; Open Log...</i>. Lines that name no step get the line
 * number as their x ({@link MetricReader#LINE_AXIS}): a finished file has no clock.
 */
public final class LogReading {

	/** Receives what the log holds, line by line, in order. */
	public interface Receiver {

		/** One line of the log or one state of a line it redraws, as a terminal shows it. */
		default void line(TerminalLines.Line line) {
		}

		/** What the line gave; {@code lineNumber} counts from 1, a redrawn line counting once. */
		void reading(MetricReader.Reading reading, long lineNumber);
	}

	private LogReading() {
	}

	/** A reader of {@code in} as UTF-8 where bad bytes become U+FFFD instead of failing. */
	public static Reader utf8(InputStream in) {
		return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE));
	}

	/** Reads {@code in} to its end; returns the reader with the counts (lines, malformed values, bars...). */
	public static MetricReader read(Reader in, Receiver receiver) throws IOException {
		MetricReader metrics = new MetricReader(MetricReader.LINE_AXIS);
		try (TerminalLines lines = new TerminalLines(in, TerminalLines.MAX_LINE_CHARS)) {
			for (TerminalLines.Line line = lines.next(); line != null; line = lines.next()) {
				receiver.line(line);
				long lineNumber = metrics.lines() + 1;
				receiver.reading(metrics.read(line.text(), line.redraw(), 0, lineNumber), lineNumber);
			}
		}
		return metrics;
	}
}
