package io.chirp.core.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a program's text the way a terminal shows it: {@code \n} (or {@code \r\n}) ends a line; {@code \r} returns
 * to the start of the line and {@code \b} moves one character back, so what follows overwrites the line in place,
 * as progress bars (tqdm, Keras) redraw themselves. Each state of a redrawn line is returned as a
 * {@link Line#redraw() redraw} when the redraw begins; the line's last state is returned once more, as a plain line,
 * when its {@code \n} comes. When the program pauses in the middle of a redrawn line, the state it shows is
 * returned at once (as a terminal would show it), not only when the next redraw begins. Other control characters (bell, form feed...) are left out; tab and escape (ANSI
 * colours) are kept. A line longer than {@code maxChars} is returned in pieces of that size, so one endless line
 * can never exhaust memory.
 */
public final class TerminalLines implements Closeable {

	/** Longest line kept whole (as long as metrics are looked for); longer ones are cut into pieces of this size. */
	public static final int MAX_LINE_CHARS = MetricLineParser.MAX_PARSED_CHARS;

	/**
	 * One line, or one state of a line being redrawn.
	 *
	 * @param text   the line as a terminal shows it, without its end
	 * @param redraw true when this state will be overwritten (a {@code \r} or {@code \b} followed it)
	 * @param cut    true when the line was longer than the limit and continues in the next piece
	 */
	public record Line(String text, boolean redraw, boolean cut) {
	}

	private final Reader in;
	private final int maxChars;
	private final char[] buffer = new char[8192];
	private int position;
	private int limit;
	private final StringBuilder line = new StringBuilder();
	/** Where the next character goes: at the end, or over earlier text after a {@code \r} or {@code \b}. */
	private int cursor;
	/** Characters arrived since the line's last state was returned (so a state is returned once). */
	private boolean dirty;
	/** The line went back to its start ({@code \r}) or back a character ({@code \b}): it is being redrawn. */
	private boolean redrawn;
	private boolean pendingCr;

	public TerminalLines(Reader in, int maxChars) {
		if (maxChars < 1) {
			throw new IllegalArgumentException("maxChars = " + maxChars + " is invalid: allowed range [1, ...)");
		}
		this.in = in;
		this.maxChars = maxChars;
	}

	/** The next line or redraw state, or null at the end of the stream. */
	public Line next() throws IOException {
		while (true) {
			if (position >= limit) {
				if (dirty && redrawn && !pendingCr && !in.ready()) {
					// the program pauses in the middle of a redrawn line (tqdm writes "\r" + state, then works):
					// this state is what its terminal shows now, not something to hold back until the next redraw
					return redrawState();
				}
				limit = in.read(buffer);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					return endOfStream();
				}
			}
			while (position < limit) {
				char c = buffer[position++];
				if (pendingCr) {
					pendingCr = false;
					if (c == '\n') {
						return finish(); // \r\n: a plain line end
					}
					Line state = carriageReturn();
					position--; // look at c again once the state is returned
					if (state != null) {
						return state;
					}
					continue;
				}
				switch (c) {
				case '\n' -> {
					return finish();
				}
				case '\r' -> pendingCr = true; // decided by the next character: \r\n or a redraw
				case '\b' -> {
					redrawn = true;
					Line state = dirty ? redrawState() : null;
					if (cursor > 0) {
						cursor--;
					}
					if (state != null) {
						return state;
					}
				}
				default -> {
					if (c < ' ' && c != '\t' && c != '\u001b' || c == '\u007f') {
						continue; // bell, form feed, NUL...: a terminal shows nothing for them either
					}
					if (cursor >= maxChars) {
						Line piece = cut(); // cut only when more comes, so a line of exactly the limit stays whole
						put(c);
						return piece;
					}
					put(c);
				}
				}
			}
		}
	}

	private void put(char c) {
		if (cursor < line.length()) {
			line.setCharAt(cursor, c);
		} else {
			line.append(c);
		}
		cursor++;
		dirty = true;
	}

	/** A {@code \r} not followed by {@code \n}: the line's state so far, then the cursor goes back to its start. */
	private Line carriageReturn() {
		redrawn = true;
		Line state = dirty ? redrawState() : null;
		cursor = 0;
		return state;
	}

	private Line redrawState() {
		dirty = false;
		return new Line(line.toString(), true, false);
	}

	private Line finish() {
		return take(false);
	}

	private Line cut() {
		return take(true);
	}

	/** The line as it stands, as a whole line or a piece of a longer one; the next one starts empty. */
	private Line take(boolean cut) {
		Line taken = new Line(line.toString(), false, cut);
		redrawn = false;
		line.setLength(0);
		cursor = 0;
		dirty = false;
		return taken;
	}

	private Line endOfStream() {
		if (pendingCr) {
			pendingCr = false;
			Line state = carriageReturn();
			if (state != null) {
				return state;
			}
		}
		if (dirty) {
			return finish(); // a last line without its \n
		}
		line.setLength(0); // a redrawn line whose last state was already returned: the output just ends there
		return null;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
