package io.chirp.core.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import io.chirp.core.source.MetricPoint;

/**
 * A program's output is untrusted: no line may make the recognition throw, or take long. Each line, up to the 64 Ki
 * limit, is read in at most {@link #BOUND_MILLIS} ms (the regular expressions this replaced took seconds on a
 * 64 Ki {@code a-a-a-...} line).
 */
class MetricLineParserPropertyTest {

	/** Per line, with room for a slow, shared test machine: real lines take microseconds. */
	static final long BOUND_MILLIS = 100;

	private final MetricLineParser parser = new MetricLineParser();

	private void readsInBoundedTime(String line) {
		long started = System.nanoTime();
		MetricLineParser.Parsed parsed = parser.parse(line);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertTrue(millis <= BOUND_MILLIS, "took " + millis + " ms for a line of " + line.length() + " characters");
		parsed.values().values().forEach(v -> assertTrue(Double.isFinite(v), "stored values are finite: " + v));
		// the reader built on it keeps reading, whatever came before
		new MetricReader(MetricPoint.TIME_AXIS).read(line, false, 0, 0);
	}

	@Property(tries = 300)
	void anyUnicodeText(@ForAll @StringLength(max = 400) String line) {
		readsInBoundedTime(line);
	}

	@Property(tries = 300)
	void anyMixOfTheCharactersTheFormatsUse(@ForAll("formatCharacters") String line) {
		readsInBoundedTime(line);
	}

	@Provide
	Arbitrary<String> formatCharacters() {
		return Arbitraries.strings().withChars("{}[]()'\":=,;|-_/.%#<>\t eE+0123456789abcnNaifI\\\u2501\u2588\u001b")
				.ofMaxLength(300);
	}

	@Property(tries = 40)
	void longLinesUpToTheLimitThatInviteBacktracking(@ForAll("backtrackingUnits") String unit,
			@ForAll @IntRange(min = 1, max = 64 * 1024) int length) {
		StringBuilder line = new StringBuilder(length + unit.length());
		while (line.length() < length) {
			line.append(unit);
		}
		line.setLength(length);
		readsInBoundedTime(line.toString());
	}

	@Provide
	Arbitrary<String> backtrackingUnits() {
		return Arbitraries.of("a-", "a.", "a=", "a: ", "1.", "1e", "[0]\t", "{\"a\":", "{'a': [", "[", "a:1\t", "epoch ",
				"|#", "1/2 [", " [00:01<", "loss=0.5, ", "\u001b[", "\r", "=", "\\", "\"", "-- ", " - a: 1");
	}

	@Property(tries = 30)
	void deeplyNestedJson(@ForAll @IntRange(min = 1, max = 20_000) int depth) {
		String line = "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
		if (line.length() <= MetricLineParser.MAX_PARSED_CHARS) {
			readsInBoundedTime(line);
		}
		readsInBoundedTime("[".repeat(Math.min(depth, 60_000)));
	}

	@Property(tries = 2000)
	void numbersAreReadExactlyAsJavaReadsThem(@ForAll @IntRange(min = 0, max = 999_999_999) int whole,
			@ForAll @IntRange(min = 0, max = 999_999) int part, @ForAll @IntRange(min = 0, max = 9) int zeros,
			@ForAll boolean negative, @ForAll @IntRange(min = -30, max = 30) int exponent) {
		String plain = (negative ? "-" : "") + whole + "." + "0".repeat(zeros) + part;
		assertTrue(Double.parseDouble(plain) == MetricLineParser.number(plain, 0, plain.length()), plain);
		String scientific = plain + "e" + exponent;
		assertTrue(Double.parseDouble(scientific) == MetricLineParser.number(scientific, 0, scientific.length()), scientific);
	}
}
