package io.chirp.ui.consoles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feeder's accounting, against a recording writer instead of a console (no Display needed). */
class ConsoleFeederTest {

	private static final String NL = System.lineSeparator();

	/** What was written, in order: one entry per write call. */
	private record Write(String stream, String text) {
	}

	private final List<Write> writes = new ArrayList<>();
	private ConsoleFeeder<String> feeder;

	private ConsoleFeeder<String> feeder(int maxCharsPerFlush) {
		feeder = new ConsoleFeeder<>("test", "marker", maxCharsPerFlush, (stream, text) -> {
			synchronized (writes) {
				writes.add(new Write(stream, text));
			}
		});
		return feeder;
	}

	@AfterEach
	void closeFeeder() {
		if (feeder != null) {
			feeder.close();
		}
	}

	private String written(String stream) {
		StringBuilder text = new StringBuilder();
		synchronized (writes) {
			writes.stream().filter(w -> w.stream().equals(stream)).forEach(w -> text.append(w.text()));
		}
		return text.toString();
	}

	/** The lines a terminal shows for what was written to all streams: {@code \r} returns to the line's start. */
	private List<String> screen() {
		StringBuilder all = new StringBuilder();
		synchronized (writes) {
			writes.forEach(w -> all.append(w.text()));
		}
		List<String> lines = new ArrayList<>();
		for (String line : all.toString().split(NL, -1)) {
			StringBuilder shown = new StringBuilder();
			for (String part : line.split("\r", -1)) {
				// each part overwrites the start of what is shown
				shown.replace(0, Math.min(part.length(), shown.length()), part);
			}
			lines.add(shown.toString().stripTrailing());
		}
		if (lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		return lines;
	}

	private static List<String> numbered(String prefix, int count) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(String.format("%s %05d", prefix, i));
		}
		return lines;
	}

	@Test
	void linesAtAReadableRateAreAllWrittenInOrder() throws InterruptedException {
		ConsoleFeeder<String> f = feeder(10_000);
		List<String> lines = numbered("line", 100);
		for (String line : lines) {
			f.add("out", line);
		}
		assertTrue(f.awaitFlushed(5_000));
		assertEquals(String.join(NL, lines) + NL, written("out"));
		assertEquals("", written("marker"), "no notice");
	}

	@Test
	void aFloodWithinOneIntervalKeepsTheNewestLinesWholeAndCountsTheRestExactly() throws InterruptedException {
		ConsoleFeeder<String> f = feeder(1_000);
		List<String> lines = numbered("line", 10_000); // 10 characters and a line end each
		f.addAll("out", lines);
		assertTrue(f.awaitFlushed(5_000));
		int kept = 1_000 / 11;
		assertEquals(String.join(NL, lines.subList(lines.size() - kept, lines.size())) + NL, written("out"),
				"the newest lines, whole");
		assertEquals("[Chirp: 9,910 lines passed over: more than 1,000 characters came within 50 ms]" + NL,
				written("marker"));
		assertEquals(10_000, kept + 9_910);
	}

	@Test
	void noticesAreNeverPassedOverAndLinesThatLookLikeNoticesAre() throws InterruptedException {
		ConsoleFeeder<String> f = feeder(1_000);
		f.notice("err", "[Chirp: 7 lines dropped: the output sink did not keep up]");
		List<String> lookalikes = numbered("[Chirp: fake", 500);
		f.addAll("out", lookalikes);
		assertTrue(f.awaitFlushed(5_000));
		assertEquals("[Chirp: 7 lines dropped: the output sink did not keep up]" + NL, written("err"));
		String out = written("out");
		int kept = out.split(NL).length;
		assertTrue(kept < 500 && out.endsWith(lookalikes.get(499) + NL), "the lookalikes were passed over like lines");
		assertTrue(written("marker").startsWith("[Chirp: " + String.format("%,d", 500 - kept) + " lines passed over"),
				written("marker"));
	}

	@Test
	void closeWritesWhatWasQueuedAtOnceAndTakesNothingAfter() {
		ConsoleFeeder<String> f = feeder(10_000);
		f.addAll("out", List.of("a", "b"));
		f.close(); // well within the flush interval: the write is close's own
		assertEquals("a" + NL + "b" + NL, written("out"));
		f.add("out", "too late");
		f.notice("out", "[Chirp: too late]");
		f.redraw("out", "too late");
		f.close();
		assertEquals("a" + NL + "b" + NL, written("out"));
	}

	@Test
	void aBarRedrawnThousandsOfTimesEndsAsItsFinalLine() throws InterruptedException {
		ConsoleFeeder<String> f = feeder(10_000);
		for (int i = 0; i <= 5_000; i++) {
			f.redraw("err", "epoch 1: " + i * 100 / 5_000 + "%");
		}
		f.addAll("err", List.of("epoch 1: 100% done"));
		assertTrue(f.awaitFlushed(5_000));
		assertEquals(List.of("epoch 1: 100% done"), screen());
		synchronized (writes) {
			assertTrue(writes.size() < 100, writes.size() + " writes for 5,001 redraws");
		}
	}

	@Test
	void aLineOfTheOtherStreamGoesAboveTheBarAndTheBarStaysLast() throws InterruptedException {
		ConsoleFeeder<String> f = feeder(10_000);
		f.redraw("err", "epoch 2: 40%");
		assertTrue(f.awaitFlushed(5_000));
		f.add("out", "saved checkpoint");
		assertTrue(f.awaitFlushed(5_000));
		assertEquals(List.of("saved checkpoint", "epoch 2: 40%"), screen());
		f.redraw("err", "epoch 2: 100%");
		f.endRedrawnLine();
		f.add("out", "done");
		assertTrue(f.awaitFlushed(5_000));
		assertEquals(List.of("saved checkpoint", "epoch 2: 100%", "done"), screen());
		assertFalse(written("out").contains("epoch"), "the bar is written to its own stream only");
	}
}
