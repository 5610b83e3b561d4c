package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Text read the way a terminal shows it: lines, lines redrawn with \r and \b, and the limits. */
class TerminalLinesTest {

	/** Each line as "text" and each redraw state as "~text", in order. */
	private static List<String> read(String text, int maxChars) throws IOException {
		List<String> out = new ArrayList<>();
		try (TerminalLines lines = new TerminalLines(new StringReader(text), maxChars)) {
			for (TerminalLines.Line line = lines.next(); line != null; line = lines.next()) {
				out.add((line.redraw() ? "~" : "") + line.text() + (line.cut() ? "+" : ""));
			}
		}
		return out;
	}

	private static List<String> read(String text) throws IOException {
		return read(text, 1000);
	}

	@Test
	void newlineAndCrlfEndLines() throws IOException {
		assertEquals(List.of("a", "b", "", "c"), read("a\nb\r\n\nc\n"));
		assertEquals(List.of("last line without its end"), read("last line without its end"));
		assertEquals(List.of(), read(""));
	}

	@Test
	void aCarriageReturnRedrawsTheLineInPlace() throws IOException {
		// tqdm: "\r" before each state, "\n" when the bar closes
		assertEquals(List.of("~ 10%", "~ 50%", "100%"), read("\r 10%\r 50%\r100%\n"));
		// a shorter state overwrites only what it covers, as on a terminal
		assertEquals(List.of("~loss=12.5", "loss=92.5"), read("loss=12.5\rloss=9\n"));
		// the last state, drawn again before the line ends (tqdm's close), is returned as the line
		assertEquals(List.of("~A", "~B", "B"), read("\rA\rB\rB\n"));
	}

	@Test
	void backspacesMoveBackAndWhatFollowsOverwrites() throws IOException {
		// Keras 2: the state, then \b as many times as it is long, then \r, then the next state
		assertEquals(List.of("~ 1/3 [>..]", "~ 2/3 [=>.]", " 3/3 [===] - loss: 0.5"),
				read(" 1/3 [>..]\b\b\b\b\b\b\b\b\b\b\r 2/3 [=>.]\b\b\b\b\b\b\b\b\b\b\r 3/3 [===] - loss: 0.5\n"));
		assertEquals(List.of("~ab", "axc"), read("ab\bxc\n"), "one \\b fixes one character");
		assertEquals(List.of("x"), read("\b\bx\n"), "nothing to move back over");
	}

	@Test
	void aNestedBarDrawnBelowAndTheCursorMovedBackUpIsRedrawnInPlace() throws IOException {
		// tqdm's inner bar (position 1): "\n\r" + state + ESC[A (cursor up), over and over: its states are one line
		// redrawn, not a line each with "[A" in it; what is written on the line above and ended there (the outer
		// bar, tqdm.write's message) is a line of its own
		assertEquals(List.of("Epochs 0/2", "~Epoch 0: 1/3", "~Epoch 0: 2/3", "~Epoch 0: 3/3", "val_loss=0.5", "done"),
				read("\rEpochs 0/2\n\rEpoch 0: 1/3\u001b[A\n\rEpoch 0: 2/3\u001b[A\n\rEpoch 0: 3/3\u001b[A"
						+ "\rval_loss=0.5\ndone\n"));
		// up two lines (a third bar): two line ends lead back down
		assertEquals(List.of("~x", "y", "z"), read("x\u001b[2A\n\ny\nz\n"));
	}

	@Test
	void cursorAndEraseSequencesAreObeyedOrLeftOutColoursKept() throws IOException {
		// ESC[K / ESC[2K erase to the line's end (rich, pip); moves along the line are left out, not shown as "[C"
		assertEquals(List.of("~long state", "short"), read("long state\rshort\u001b[K\n"));
		assertEquals(List.of("ab"), read("a\u001b[5Cb\u001b[?25l\n"));
		assertEquals(List.of("\u001b[1;31mred\u001b[0m"), read("\u001b[1;31mred\u001b[0m\n"));
		assertEquals(List.of("\u001b]0;title"), read("\u001b]0;title\n"), "not a CSI sequence: kept as it came");
		String endless = "\u001b[" + "1;".repeat(100) + "x\n";
		assertEquals(List.of(endless.substring(0, endless.length() - 1)), read(endless), "too long to be one: text");
	}

	@Test
	void otherControlCharactersAreLeftOutAndEscapeAndTabKept() throws IOException {
		assertEquals(List.of("a\tb\u001b[31mred\u001b[0m"), read("a\u0007\tb\u0000\f\u001b[31mred\u001b[0m\n"));
	}

	@Test
	void aLineLongerThanTheLimitComesInPieces() throws IOException {
		assertEquals(List.of("abcd+", "efgh+", "ij"), read("abcdefghij\n", 4));
		assertEquals(List.of("abcd", "", "x"), read("abcd\n\nx", 4), "a line of exactly the limit is whole");
	}

	@Test
	void aRedrawnLineThatNeverEndsLeavesItsLastState() throws IOException {
		assertEquals(List.of("~ 1/9", " 2/9"), read(" 1/9\r 2/9"), "the last state, not yet returned, ends the output");
		assertEquals(List.of("~ 1/9"), read(" 1/9\r"), "returned once: the output just ends there");
	}
}
