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
 * returned at once (as a terminal would show it), not only when the next redraw begins. Nested progress bars (tqdm's
 * inner bar, {@code position=1}) are drawn a line below and the cursor moved back up ({@code ESC[A}): the state drawn
 * before the move up is a redraw state, and what is written on the line above and ended by the {@code \n} that leads
 * back down (the outer bar, a {@code tqdm.write} message) is a line of its own. {@code ESC[K} erases to the line's
 * end; other cursor and screen sequences are left out; colours ({@code ESC[...m}) are kept. Other control characters
 * (bell, form feed...) are left out; tab is kept. A line longer than {@code maxChars} is returned in pieces of that
 * size, so one endless line can never exhaust memory.
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
	/** An escape sequence being read ({@code ESC}, {@code ESC[}, parameters), or empty. */
	private final StringBuilder sequence = new StringBuilder();
	/** Lines the cursor was moved up ({@code ESC[A}): as many {@code \n} lead back down to the line being redrawn. */
	private int linesUp;

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
				if (!sequence.isEmpty()) {
					if (escapeSequence(c)) {
						continue;
					}
					Line state = endOfSequence(c);
					if (state != null) {
						return state;
					}
					continue;
				}
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
					if (linesUp == 0) {
						return finish();
					}
					// back down to the line being redrawn: what was written above is a line of its own
					linesUp--;
					Line above = dirty ? finish() : null;
					clear();
					redrawn = true;
					if (above != null) {
						return above;
					}
				}
				case '\u001b' -> sequence.append(c);
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
					if (c < ' ' && c != '\t' || c == '\u007f') {
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

	/** Most characters of an escape sequence: a longer one is text (an escape without its end). */
	private static final int MAX_SEQUENCE = 24;

	/** Takes {@code c} into the escape sequence being read; false when it ends the sequence (or is not part of one). */
	private boolean escapeSequence(char c) {
		if (sequence.length() == 1) {
			if (c == '[') {
				sequence.append(c);
				return true;
			}
			return false; // not a CSI sequence (ESC ] for a title...): kept as text
		}
		if (c >= 0x20 && c <= 0x3f && sequence.length() < MAX_SEQUENCE) {
			sequence.append(c); // parameters (digits, ';', '?') and intermediates
			return true;
		}
		return false;
	}

	/** The escape sequence read ends before or with {@code c}: obeyed, left out, or kept as text. */
	private Line endOfSequence(char c) {
		boolean complete = sequence.length() >= 2 && c >= 0x40 && c <= 0x7e;
		if (!complete) {
			for (int i = 0; i < sequence.length(); i++) {
				put(sequence.charAt(i));
			}
			sequence.setLength(0);
			position--; // c is looked at on its own
			return null;
		}
		Line state = null;
		switch (c) {
		case 'm' -> { // colours: kept for the console's ANSI colouring
			for (int i = 0; i < sequence.length(); i++) {
				put(sequence.charAt(i));
			}
			put(c);
		}
		case 'A' -> { // cursor up: the state drawn below is a redraw state; the line above starts unknown (empty)
			linesUp += Math.min(100, Math.max(1, parameter()));
			redrawn = true;
			state = dirty ? redrawState() : null;
			clear();
		}
		case 'K' -> { // erase to the line's end (what follows the cursor)
			if (cursor < line.length()) {
				line.setLength(cursor);
				dirty = true;
			}
		}
		default -> {
			// other moves and screen controls: a terminal shows nothing for them either
		}
		}
		sequence.setLength(0);
		return state;
	}

	/** The sequence's first number ({@code 2} in {@code ESC[2A}), 0 when it has none. */
	private int parameter() {
		int n = 0;
		for (int i = 2; i < sequence.length() && Character.isDigit(sequence.charAt(i)) && n < 1000; i++) {
			n = n * 10 + sequence.charAt(i) - '0';
		}
		return n;
	}

	private void clear() {
		line.setLength(0);
		cursor = 0;
		dirty = false;
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
		for (int i = 0; i < sequence.length(); i++) {
			put(sequence.charAt(i)); // an escape cut off by the end: text
		}
		sequence.setLength(0);
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
