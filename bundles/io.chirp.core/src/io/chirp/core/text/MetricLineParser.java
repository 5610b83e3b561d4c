package io.chirp.core.text;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import io.chirp.core.source.ProgressBar;

/**
 * Reads the metrics in one line a program printed. It knows what training code prints:
 * <ul>
 * <li>{@code step=120 loss=0.4312 acc=0.871}, {@code epoch 3: val_loss=0.52}, {@code Iteration 3, loss = 2.04}
 * (scikit-learn), {@code Norm: 97.96, NNZs: 53, Avg. loss: 1.62} ({@code name: number} where a separator or the
 * line's end follows the number);</li>
 * <li>tqdm bars ({@code Epoch 1:  45%|####5     | 26/57 [00:01<00:02, 21.9it/s, loss=0.532]}): the postfix pairs
 * are metrics, the rest is a {@link ProgressBar};</li>
 * <li>Keras progress lines, classic ({@code 26/57 [=====>....] - ETA: 1s - loss: 0.3124}) and Keras 3
 * ({@code 26/57 ━━━━━━━━━━ 1s 20ms/step - loss: 0.3124}), and their epoch summaries;</li>
 * <li>{@code [2,  4000] loss: 1.852} (PyTorch's CIFAR-10 tutorial): epoch and the step within it, a step counted
 * again from 1 in each epoch ({@link Parsed#epoch});</li>
 * <li>XGBoost and LightGBM rounds ({@code [12]\ttrain-logloss:0.19}, {@code [10]\tvalid_0's l2: 0.31}; the round is
 * the step); {@code [LightGBM] ...} lines are just output;</li>
 * <li>JSON objects and Python dicts (Hugging Face {@code {'loss': 0.41, 'epoch': 0.5}}), nested objects flattened
 * with {@code /} ({@code {"train": {"loss": 0.3}}} gives {@code train/loss}).</li>
 * </ul>
 * A step, epoch, iteration or round field gives the line's x position (the finest one when there are several; the
 * others are metrics too). A value that is not a finite number but was meant as one ({@code loss=0.4x3},
 * {@code loss=nan}, {@code loss=1e400}) is malformed: counted, never stored. ANSI colour codes are ignored. Every
 * line is read in one pass without backtracking, so no line can take long, and no input makes it throw.
 */
public final class MetricLineParser {

	/** Field names that give the x position rather than a metric. */
	public static final Set<String> STEP_KEYS = Set.of("step", "steps", "global_step", "epoch", "iteration", "iter",
			"it", "round");

	/** Lines longer than this are not searched for metrics (they are still output). */
	public static final int MAX_PARSED_CHARS = 64 * 1024;

	/** Deeper JSON is not read (the line counts as malformed): nobody logs metrics 32 levels deep. */
	static final int MAX_JSON_DEPTH = 32;

	/** The x axis of XGBoost and LightGBM rounds. */
	public static final String ROUND_KEY = "round";

	/**
	 * What one line held.
	 *
	 * @param stepKey   the step field's name, or null when the line has none
	 * @param step      the step field's value, or NaN
	 * @param values    metric name to value, in the order of the line
	 * @param malformed the {@code name=value} texts whose value is not a finite number
	 * @param bar       the progress bar the line draws, or null
	 * @param epoch     the epoch the step is counted within ({@code [2,  4000]}: 2; the step starts again in each
	 *                  epoch), NaN when the step counts on across epochs
	 */
	public record Parsed(String stepKey, double step, Map<String, Double> values, List<String> malformed,
			ProgressBar bar, double epoch) {

		public boolean hasMetrics() {
			return !values.isEmpty();
		}
	}

	static final Parsed NOTHING = new Parsed(null, Double.NaN, Map.of(), List.of(), null, Double.NaN);

	public Parsed parse(String line) {
		if (line == null || line.length() > MAX_PARSED_CHARS) {
			return NOTHING;
		}
		String s = line.indexOf('\u001b') >= 0 ? withoutAnsi(line) : line;
		int from = 0;
		int to = s.length();
		while (from < to && Character.isWhitespace(s.charAt(from))) {
			from++;
		}
		while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
			to--;
		}
		if (from == to) {
			return NOTHING;
		}
		Fields fields = new Fields();
		char first = s.charAt(from);
		if (first == '{' && s.charAt(to - 1) == '}') {
			readJson(s.substring(from, to), fields);
			return fields.parsed(null);
		}
		if (first == '[') {
			if (s.startsWith("[LightGBM]", from)) {
				return NOTHING;
			}
			if (readRounds(s, from, to, fields)) {
				return fields.parsed(null);
			}
			int rest = readEpochAndStep(s, from, to, fields);
			if (rest > 0) {
				scan(s, rest, to, fields);
				return fields.parsed(null);
			}
		}
		ProgressBar bar = Character.isDigit(first) ? readKerasBar(s, from, to, fields) : null;
		if (bar == null && s.charAt(to - 1) == ']') {
			bar = readTqdmBar(s, from, to, fields);
		}
		if (bar == null) {
			fields.lineSplit = lineSplit(s, from, to);
			scan(s, from, to, fields);
		}
		return fields.parsed(bar);
	}

	/** What one parse collects; the finest step field wins, coarser ones become metrics. */
	private static final class Fields {
		Map<String, Double> values;
		List<String> malformed;
		String stepKey;
		double step = Double.NaN;
		int stepRank = Integer.MAX_VALUE;
		String wordKey;
		double wordStep = Double.NaN;
		/** The split a whole line is about ({@code Test set: Average loss: 0.05}: "Test"), or null. */
		String lineSplit;
		/** How far into the epoch named by a word the line is (0 to 1), NaN when not said. */
		double wordFraction = Double.NaN;
		/** The epoch the step is counted within, NaN when it counts on. */
		double epoch = Double.NaN;

		void value(String key, double value) {
			String lower = stepKeyOf(key);
			if (lower != null) {
				int rank = stepRank(lower);
				if (rank < stepRank) {
					if (stepKey != null) {
						metric(stepKey, step);
					}
					stepKey = lower;
					step = value;
					stepRank = rank;
					return;
				}
			}
			metric(key, value);
		}

		void metric(String key, double value) {
			if (key.equals("v_num")) {
				return; // PyTorch Lightning's logger version in its bar's postfix: a number, not a measurement
			}
			if (values == null) {
				values = new LinkedHashMap<>();
			}
			values.putIfAbsent(key, value);
		}

		void malformed(String text) {
			if (malformed == null) {
				malformed = new ArrayList<>(2);
			}
			malformed.add(text.length() <= 80 ? text : text.substring(0, 77) + "...");
		}

		Parsed parsed(ProgressBar bar) {
			String key = stepKey;
			double x = step;
			if (wordKey != null) {
				// "Epoch 3: step=12 loss=..." : the word names the step unless a finer field does
				if (key == null || stepRank(wordKey) <= stepRank) {
					if (key != null && !key.equals(wordKey)) {
						metric(key, x);
					}
					key = wordKey;
					x = Double.isNaN(wordFraction) ? wordStep : wordStep + wordFraction;
				} else {
					metric(wordKey, wordStep);
				}
			}
			if (key == null && values == null && malformed == null && bar == null) {
				return NOTHING;
			}
			return new Parsed(key, x, values == null ? Map.of() : values, malformed == null ? List.of() : malformed, bar,
					epoch);
		}
	}

	private static final String[] STEP_KEY_LIST = STEP_KEYS.toArray(String[]::new);

	/** The step key {@code key} names in any case ({@code Epoch} gives {@code epoch}), or null: no copy of the key. */
	static String stepKeyOf(String key) {
		for (String stepKey : STEP_KEY_LIST) {
			if (stepKey.length() == key.length() && stepKey.equalsIgnoreCase(key)) {
				return stepKey;
			}
		}
		return null;
	}

	private static int stepRank(String key) {
		return switch (key) {
		case "step", "steps", "global_step" -> 0;
		case "epoch" -> 2;
		default -> 1;
		};
	}

	// ---- plain text: name=value, name: value, step words -------------------------------------------------------

	/** One pass over {@code s[from, to)}: every character is looked at a bounded number of times. */
	private static void scan(String s, int from, int to, Fields fields) {
		int i = from;
		while (i < to) {
			char c = s.charAt(i);
			if (!isNameStart(c) || i > 0 && isWordOrDot(s.charAt(i - 1))) {
				i++;
				continue;
			}
			int end = i + 1;
			while (end < to && isNamePart(s.charAt(end))) {
				end++;
			}
			int next = end;
			if (fields.wordKey == null || fields.wordKey.equals("epoch") && Double.isNaN(fields.wordFraction)) {
				stepWord(s, i, end, to, fields);
			}
			if (end < to && s.charAt(end) == ':' && end - i >= 2 && isWord(s.charAt(end - 1))) {
				next = colonValue(s, from, i, end, to, fields);
			} else {
				int j = end;
				while (j < to && s.charAt(j) == ' ') {
					j++;
				}
				if (j < to && s.charAt(j) == '=') {
					next = equalsValue(s, from, i, end, j + 1, to, fields);
				} else if (j > end && fields.wordKey != null) {
					next = spaceValue(s, from, i, end, j, to, fields);
				}
			}
			i = Math.max(next, end);
		}
	}

	private static final String[] STEP_WORDS = { "step", "epoch", "iteration", "iter" };

	/**
	 * {@code step 12}, {@code Epoch 2/10}, {@code Iteration 3,}, {@code Epoch: 1}, {@code Epoch [2/5]}: a step named by a
	 * word. An epoch followed by how far into it the line is ({@code Train Epoch: 1 [640/60000 (1%)]}, PyTorch's MNIST
	 * example; {@code Epoch [1/5], Step [100/600]}, the tutorials) is a fractional epoch: 1 + 640/60000.
	 */
	private static void stepWord(String s, int from, int end, int to, Fields fields) {
		int length = end - from;
		if (length < 4 || length > 9) {
			return;
		}
		String word = null;
		for (String candidate : STEP_WORDS) {
			if (candidate.length() == length && s.regionMatches(true, from, candidate, 0, length)) {
				word = candidate;
			}
		}
		if (word == null) {
			return;
		}
		if (fields.wordKey != null) {
			if (fields.wordKey.equals("epoch") && word.equals("step")) { // "Epoch [1/5], Step [100/600]"
				fields.wordFraction = progress(s, skipSpaces(s, end, to), to);
			}
			return;
		}
		int j = end < to && s.charAt(end) == ':' ? end + 1 : end; // "Epoch: 1"
		j = skipSpaces(s, j, to);
		boolean bracket = j < to && s.charAt(j) == '['; // "Epoch [2/5]"
		if (bracket) {
			j++;
		}
		int digits = j;
		while (j < to && j - digits < 18 && isAsciiDigit(s.charAt(j))) {
			j++;
		}
		if (j == digits || j == end) {
			return;
		}
		int numberEnd = j;
		int k = skipSpaces(s, j, to);
		if (k < to && s.charAt(k) == '/') { // "Epoch 2/10"
			k = skipSpaces(s, k + 1, to);
			int totalDigits = k;
			while (k < to && isAsciiDigit(s.charAt(k))) {
				k++;
			}
			if (k > totalDigits) {
				j = k;
			}
		}
		if (bracket) {
			if (j >= to || s.charAt(j) != ']') {
				return;
			}
			j++;
		}
		if (j < to && isWordOrDot(s.charAt(j))) {
			return;
		}
		fields.wordKey = word;
		fields.wordStep = Long.parseLong(s, digits, numberEnd, 10);
		int p = skipSpaces(s, j, to);
		if (word.equals("epoch") && p < to && s.charAt(p) == '[') { // "Train Epoch: 1 [640/60000 (1%)]"
			fields.wordFraction = progress(s, p, to);
		}
	}

	/** {@code [n/N}, {@code [  n/N} or {@code n/N} at {@code at}: n / N when 0 <= n <= N, else NaN. */
	private static double progress(String s, int at, int to) {
		int i = at < to && s.charAt(at) == '[' ? skipSpaces(s, at + 1, to) : at;
		int nStart = i;
		while (i < to && i - nStart < 18 && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		if (i == nStart || i >= to || s.charAt(i) != '/') {
			return Double.NaN;
		}
		long n = Long.parseLong(s, nStart, i, 10);
		int totalStart = ++i;
		while (i < to && i - totalStart < 18 && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		if (i == totalStart) {
			return Double.NaN;
		}
		long total = Long.parseLong(s, totalStart, i, 10);
		return total > 0 && n <= total ? (double) n / total : Double.NaN;
	}

	private static int skipSpaces(String s, int at, int to) {
		int i = at;
		while (i < to && s.charAt(i) == ' ') {
			i++;
		}
		return i;
	}

	/** Words that name a split of the data: a metric's counterparts ({@code loss}, {@code val loss}) share a chart. */
	public static final List<String> SPLIT_WORDS = List.of("train", "training", "val", "valid", "validation", "eval",
			"evaluation", "test");

	/**
	 * Where the name at {@code name} starts when the word before it, one space away, names a split: hand-written loops
	 * print {@code train loss: 0.5, val loss: 0.6} or {@code Validation score: 0.9} (scikit-learn), and without that
	 * word a line's two losses would be one metric. Looks back at most one word: each name costs a bounded number of
	 * characters.
	 */
	private static int withSplitWord(String s, int from, int name, int nameEnd) {
		if (name - 2 < from || s.charAt(name - 1) != ' ') {
			return name;
		}
		int wordEnd = name - 1;
		int j = wordEnd;
		while (j > from && wordEnd - j < 10 && isAsciiLetter(s.charAt(j - 1))) {
			j--;
		}
		if (j == wordEnd || j > from && isWordOrDot(s.charAt(j - 1))) {
			return name; // no word, or a longer one ("contest", "pretrain")
		}
		for (String split : SPLIT_WORDS) {
			if (split.length() == wordEnd - j && s.regionMatches(true, j, split, 0, split.length())) {
				return stepKeyOf(s.substring(name, nameEnd)) == null ? j : name; // "val step=3": the step stays the step
			}
		}
		return name;
	}

	/** A value's name: with the split word before it, or else the split the line is about ("Test loss"). */
	private static String nameOf(String s, int from, int name, int nameEnd, Fields fields) {
		int start = withSplitWord(s, from, name, nameEnd);
		String text = text(s, start, nameEnd);
		return start == name && fields.lineSplit != null && stepKeyOf(text) == null ? fields.lineSplit + " " + text : text;
	}

	/**
	 * {@code Test set: Average loss: 0.0464, Accuracy: ...} (PyTorch's MNIST example): the split word of a line that
	 * starts with one followed by {@code set:}, or null.
	 */
	private static String lineSplit(String s, int from, int to) {
		for (String split : SPLIT_WORDS) {
			int end = from + split.length();
			if (end + 5 <= to && s.regionMatches(true, from, split, 0, split.length())
					&& s.regionMatches(true, end, " set:", 0, 5)) {
				return s.substring(from, end);
			}
		}
		return null;
	}

	private static boolean isAsciiLetter(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
	}

	/** {@code name = value}: returns where the value ends. */
	private static int equalsValue(String s, int from, int name, int nameEnd, int afterEquals, int to, Fields fields) {
		int v = afterEquals;
		while (v < to && s.charAt(v) == ' ') {
			v++;
		}
		int end = v;
		while (end < to && !isValueEnd(s.charAt(end))) {
			end++;
		}
		if (end == v) {
			return end;
		}
		double value = number(s, v, end);
		if (!Double.isNaN(value)) {
			fields.value(nameOf(s, from, name, nameEnd, fields), value);
		} else if (malformedNumber(s, v, end)) {
			fields.malformed(s.substring(name, nameEnd) + "=" + s.substring(v, end));
		}
		return end;
	}

	/**
	 * {@code name number} in a line that named its step first, when a separator ({@code , | ;}) or the line's end
	 * follows the number: nanoGPT's {@code iter 100: loss 2.3456, time 123.45ms}, llm.c's {@code step 1/74 | train
	 * loss 4.283 | norm 9.6}, fairseq's {@code epoch 001 | loss 4.123 | ppl 17.42}. Without the step first, or with
	 * words after the number, it is text ({@code Loaded 50000 images, 10 classes}). Returns where the value ends.
	 */
	private static int spaceValue(String s, int from, int name, int nameEnd, int v, int to, Fields fields) {
		if (!isAsciiDigit(s.charAt(v)) && s.charAt(v) != '-' && s.charAt(v) != '.' && !nonFiniteStart(s, v, to)) {
			return nameEnd;
		}
		int end = v;
		while (end < to && !isValueEnd(s.charAt(end))) {
			end++;
		}
		int after = afterAverage(s, end, to);
		while (after < to && s.charAt(after) == ' ') {
			after++;
		}
		if (after < to && ",;|\t".indexOf(s.charAt(after)) < 0) {
			return nameEnd;
		}
		String key = s.substring(name, nameEnd);
		if (stepKeyOf(key) != null || key.equalsIgnoreCase("batch")) {
			return nameEnd; // the step word itself, or the batch within an epoch: a count, not a measurement
		}
		double value = number(s, v, end);
		if (!Double.isNaN(value)) {
			fields.value(nameOf(s, from, name, nameEnd, fields), value);
		} else if (malformedNumber(s, v, end)) {
			fields.malformed(key + " " + s.substring(v, end));
		} else {
			return nameEnd; // "time 123.45ms": a number with a unit is no metric
		}
		return end;
	}

	/**
	 * Where a value's field goes on after {@code end}, the value's end: past a running average in brackets
	 * ({@code Loss 6.9077e+00 (6.9100e+00)}, the AverageMeter of PyTorch's ImageNet example and of timm, whose value
	 * is the first number), else at {@code end}.
	 */
	private static int afterAverage(String s, int end, int to) {
		int open = end;
		while (open < to && s.charAt(open) == ' ') {
			open++;
		}
		if (open >= to || s.charAt(open) != '(') {
			return end;
		}
		int close = open + 1;
		while (close < to && close - open <= 32 && s.charAt(close) != ')') {
			close++;
		}
		if (close >= to || s.charAt(close) != ')') {
			return end;
		}
		int from = open + 1;
		while (from < close && s.charAt(from) == ' ') {
			from++;
		}
		return from < close && !Double.isNaN(number(s, from, close)) ? close + 1 : end;
	}

	/** Whether {@code nan} or {@code inf} (any case) starts at {@code at}. */
	private static boolean nonFiniteStart(String s, int at, int to) {
		return at + 3 <= to && (s.regionMatches(true, at, "nan", 0, 3) || s.regionMatches(true, at, "inf", 0, 3));
	}

	/** {@code name: number} when a separator ({@code - | , ;}) or the line's end follows the number. */
	private static int colonValue(String s, int from, int name, int nameEnd, int to, Fields fields) {
		int v = nameEnd + 1;
		while (v < to && Character.isWhitespace(s.charAt(v))) {
			v++;
		}
		if (v == nameEnd + 1) {
			return nameEnd; // "12:30", "http://": no space after the colon
		}
		int end = v;
		while (end < to && !isValueEnd(s.charAt(end))) {
			end++;
		}
		int after = afterAverage(s, end, to);
		boolean tab = after < to && s.charAt(after) == '\t';
		while (after < to && Character.isWhitespace(s.charAt(after))) {
			after++;
		}
		boolean separated = after == to || tab || ",;|-])".indexOf(s.charAt(after)) >= 0
				&& (after + 1 == to || Character.isWhitespace(s.charAt(after + 1)))
				|| after > end && startsField(s, after, to); // "loss: 0.5 acc: 0.9"
		if (end == v || !separated) {
			return nameEnd;
		}
		double value = number(s, v, end);
		if (!Double.isNaN(value)) {
			fields.value(nameOf(s, from, name, nameEnd, fields), value);
		} else if (nonFinite(s, v, end) || isNumberText(s, v, end)) {
			fields.malformed(s.substring(name, nameEnd) + ": " + s.substring(v, end));
		} else {
			return nameEnd; // "note: lr=0.001": what follows may hold metrics
		}
		return end;
	}

	/**
	 * Whether a {@code name: } or {@code name=} field starts at {@code at}: a value followed by one is complete
	 * ({@code loss: 0.5 acc: 0.9}), where a value followed by other words is not a metric ({@code Time: 3 seconds}).
	 */
	private static boolean startsField(String s, int at, int to) {
		if (!isNameStart(s.charAt(at))) {
			return false;
		}
		int end = at + 1;
		while (end < to && isNamePart(s.charAt(end))) {
			end++;
		}
		if (end + 1 < to && s.charAt(end) == ':' && s.charAt(end + 1) == ' ') {
			return true;
		}
		while (end < to && s.charAt(end) == ' ') {
			end++;
		}
		return end < to && s.charAt(end) == '=';
	}

	private static boolean isValueEnd(char c) {
		return Character.isWhitespace(c) || c == ',' || c == ';' || c == '|' || c == ']' || c == ')' || c == '}';
	}

	private static boolean isNameStart(char c) {
		return c < 128 ? Character.isLetter(c) || c == '_' : false;
	}

	private static boolean isNamePart(char c) {
		return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '@');
	}

	private static boolean isWord(char c) {
		return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
	}

	private static boolean isWordOrDot(char c) {
		return isWord(c) || c == '.';
	}

	private static final int TEXTS_CACHED = 1024;
	/**
	 * Short texts met again and again (metric names, a bar's description), so that a line does not copy them each
	 * time: a bar is redrawn thousands of times a second with the same names. Shared by all threads without a lock:
	 * a slot holds some complete String or null (String is immutable), and a hit is checked character by character.
	 */
	private static final String[] TEXTS = new String[TEXTS_CACHED];

	/** {@code s.substring(from, to)}, from the cache when it was met before. */
	static String text(String s, int from, int to) {
		int length = to - from;
		if (length > 48) {
			return s.substring(from, to);
		}
		int hash = length;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + s.charAt(i);
		}
		int slot = (hash ^ hash >>> 16) & TEXTS_CACHED - 1;
		String cached = TEXTS[slot];
		if (cached != null && cached.length() == length && s.regionMatches(from, cached, 0, length)) {
			return cached;
		}
		String fresh = s.substring(from, to);
		TEXTS[slot] = fresh;
		return fresh;
	}

	// ---- numbers -------------------------------------------------------------------------------------------------

	/**
	 * The finite number {@code s[from, to)} spells ({@code 0.5}, {@code -1e-3}, {@code 87%}), or NaN when it spells
	 * none.
	 */
	static double number(CharSequence s, int from, int to) {
		int end = to > from && s.charAt(to - 1) == '%' ? to - 1 : to;
		double simple = simpleDecimal(s, from, end);
		if (!Double.isNaN(simple)) {
			return simple;
		}
		if (!isNumberText(s, from, end)) {
			return Double.NaN;
		}
		double value = Double.parseDouble(s.subSequence(from, end).toString());
		return Double.isInfinite(value) ? Double.NaN : value;
	}

	private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
			1e13, 1e14, 1e15 };

	/**
	 * The value of a plain decimal such as {@code -0.5312} (at most 15 digits, no exponent), or NaN for anything
	 * else. Most values a program prints are such decimals: digits and a power of ten are both exact in a double,
	 * so one division gives the correctly rounded value, as {@link Double#parseDouble} would, without its copy of the
	 * text.
	 */
	private static double simpleDecimal(CharSequence s, int from, int to) {
		int i = from;
		boolean negative = false;
		if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
			negative = s.charAt(i) == '-';
			i++;
		}
		long mantissa = 0;
		int digits = 0;
		int fraction = -1;
		for (; i < to; i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				if (++digits > 15) {
					return Double.NaN;
				}
				mantissa = mantissa * 10 + (c - '0');
				if (fraction >= 0) {
					fraction++;
				}
			} else if (c == '.' && fraction < 0) {
				fraction = 0;
			} else {
				return Double.NaN;
			}
		}
		if (digits == 0) {
			return Double.NaN;
		}
		double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
		return negative ? -value : value;
	}

	/** The whole of {@code s[from, to)} matches {@code [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?}. */
	static boolean isNumberText(CharSequence s, int from, int to) {
		return to > from && numberPrefix(s, from, to) == to;
	}

	/** {@code nan}, {@code inf}, {@code -Infinity}... in any case. */
	private static boolean nonFinite(CharSequence s, int from, int to) {
		int i = from;
		if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
			i++;
		}
		String word = s.subSequence(i, to).toString().toLowerCase(Locale.ROOT);
		return word.equals("nan") || word.equals("inf") || word.equals("infinity");
	}

	/**
	 * A value meant as a number that is none: {@code nan}, {@code inf}, {@code 1e400}, {@code 0.4x3}. Numbers with a
	 * unit ({@code 2s}, {@code 21.9it/s}, {@code 3GB}), clock times ({@code 00:01:02}) and versions
	 * ({@code 1.2.3}) and dates ({@code 2024-01-02}) are not malformed: they are just not metrics.
	 */
	static boolean malformedNumber(CharSequence s, int from, int to) {
		if (from >= to) {
			return false;
		}
		if (nonFinite(s, from, to) || isNumberText(s, from, to)) {
			return true; // a number that gave no finite value: it overflowed
		}
		int numberEnd = numberPrefix(s, from, to);
		if (numberEnd == from) {
			return false; // does not start like a number: a word
		}
		boolean unit = true;
		for (int i = numberEnd; i < to && unit; i++) {
			char c = s.charAt(i);
			unit = c < 128 && (Character.isLetter(c) || c == '/' || c == '%');
		}
		if (unit) {
			return false;
		}
		String text = s.subSequence(from, to).toString();
		return !(text.matches("\\d{1,4}(:\\d{1,2})+(\\.\\d+)?") || text.matches("\\d+(\\.\\d+){2,}")
				|| text.matches("\\d{4}-\\d{2}-\\d{2}([T ][\\d:.]+)?"));
	}

	/** Where the number at the start of {@code s[from, to)} ends ({@code from} when there is none). */
	private static int numberPrefix(CharSequence s, int from, int to) {
		int i = from;
		if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
			i++;
		}
		int digitsStart = i;
		while (i < to && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		int digits = i - digitsStart;
		if (i < to && s.charAt(i) == '.') {
			int dot = i++;
			while (i < to && isAsciiDigit(s.charAt(i))) {
				i++;
			}
			digits += i - dot - 1;
			if (digits == 0) {
				return from;
			}
		}
		if (digits == 0) {
			return from;
		}
		if (i + 1 < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
			int j = i + 1;
			if (j < to && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
				j++;
			}
			int exponent = j;
			while (j < to && isAsciiDigit(s.charAt(j))) {
				j++;
			}
			if (j > exponent) {
				i = j;
			}
		}
		return i;
	}

	private static boolean isAsciiDigit(char c) {
		return c >= '0' && c <= '9';
	}

	// ---- progress bars -------------------------------------------------------------------------------------------

	/**
	 * Keras: {@code 26/57 [=====>....] - ETA: 1s - loss: 0.31}, {@code 26/57 ━━━━━━ 1s 20ms/step - loss: 0.31}, or
	 * the one line per epoch of {@code verbose=2}: {@code 57/57 - 2s - loss: 0.31}.
	 */
	private static ProgressBar readKerasBar(String s, int from, int to, Fields fields) {
		int i = from;
		while (i < to && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		if (i == from || i - from > 15 || i >= to || s.charAt(i) != '/') {
			return null;
		}
		int totalStart = ++i;
		while (i < to && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		if (i == totalStart || i - totalStart > 15 || i >= to || s.charAt(i) != ' ') {
			return null;
		}
		double n = Long.parseLong(s, from, totalStart - 1, 10);
		double total = Long.parseLong(s, totalStart, i, 10);
		i++;
		if (i < to && s.charAt(i) == '[') {
			int j = i + 1;
			while (j < to && "=>.".indexOf(s.charAt(j)) >= 0) {
				j++;
			}
			if (j >= to || s.charAt(j) != ']') {
				return null;
			}
			i = j + 1;
		} else if (i < to && s.charAt(i) == '\u2501') {
			while (i < to && (s.charAt(i) == '\u2501' || s.charAt(i) == ' ')) {
				i++;
			}
		} else if (!s.startsWith("- ", i)) {
			return null;
		}
		String rate = "";
		String eta = "";
		// the rest: " - "-separated items; the first ones are times, then "name: value" metrics
		int item = i;
		while (item < to) {
			int next = s.indexOf(" - ", item);
			int end = next < 0 ? to : next;
			String text = s.substring(item, end).strip();
			if (text.startsWith("- ")) {
				text = text.substring(2);
			}
			if (text.startsWith("ETA: ")) {
				eta = text.substring(5);
			} else if (text.endsWith("/step") || text.endsWith("/sample")) {
				int space = text.lastIndexOf(' ');
				rate = text.substring(space + 1);
				if (space > 0 && n < total) {
					eta = text.substring(0, space); // Keras 3 shows the time left before the time per step
				}
			} else {
				scan(s, item, end, fields);
			}
			item = next < 0 ? to : next + 3;
		}
		return new ProgressBar("", n, total, rate, eta);
	}

	/**
	 * tqdm's default format: {@code desc: 45%|####5     | 26/57 [00:01<00:02, 21.9it/s, loss=0.532]}, or without a
	 * total {@code desc: 26it [00:01, 21.9it/s, loss=0.532]}.
	 */
	private static ProgressBar readTqdmBar(String s, int from, int to, Fields fields) {
		int bracket = -1;
		for (int b = s.indexOf(" [", from); b >= 0 && b < to; b = s.indexOf(" [", b + 2)) {
			if (startsWithClock(s, b + 2, to)) {
				bracket = b + 1;
				break;
			}
		}
		if (bracket < 0) {
			return null;
		}
		// inside the brackets: elapsed[<remaining], rate[, postfix]; read by index: a bar is redrawn thousands of
		// times a second, so it makes no string it does not keep
		int inside = bracket + 1;
		int close = to - 1;
		int firstComma = s.indexOf(", ", inside);
		if (firstComma < 0 || firstComma > close) {
			return null;
		}
		int secondComma = s.indexOf(", ", firstComma + 2);
		int rateEnd = secondComma < 0 || secondComma > close ? close : secondComma;
		int less = s.indexOf('<', inside);
		String eta = less < 0 || less > firstComma || s.charAt(less + 1) == '?' ? ""
				: clock(s, less + 1, firstComma);
		if (rateEnd < close) {
			scan(s, rateEnd + 2, close, fields);
		}
		// before the brackets: [desc: ]pct%|bar| n/total, or [desc: ]n<unit>
		int countEnd = bracket - 1;
		int countStart = Math.max(from, s.lastIndexOf(' ', countEnd - 1) + 1);
		double n;
		double total = Double.NaN;
		int descriptionEnd;
		int slash = s.indexOf('/', countStart);
		if (slash > countStart && slash < countEnd) {
			n = scaled(s, countStart, slash);
			total = scaled(s, slash + 1, countEnd);
			int barEnd = countStart - 1;
			while (barEnd > from && s.charAt(barEnd) == ' ') {
				barEnd--;
			}
			if (barEnd <= from || s.charAt(barEnd) != '|') {
				return null;
			}
			int barStart = s.lastIndexOf('|', barEnd - 1);
			if (barStart <= from || s.charAt(barStart - 1) != '%') {
				return null;
			}
			descriptionEnd = barStart - 1;
			while (descriptionEnd > from && isAsciiDigit(s.charAt(descriptionEnd - 1))) {
				descriptionEnd--;
			}
		} else {
			int unitStart = numberPrefix(s, countStart, countEnd);
			while (unitStart < countEnd && "kMGTP".indexOf(s.charAt(unitStart)) >= 0) {
				unitStart++;
			}
			n = scaled(s, countStart, unitStart);
			descriptionEnd = countStart;
		}
		if (Double.isNaN(n)) {
			return null;
		}
		while (descriptionEnd > from && (s.charAt(descriptionEnd - 1) == ' ' || s.charAt(descriptionEnd - 1) == ':')) {
			descriptionEnd--;
		}
		descriptionValues(s, from, descriptionEnd, fields);
		return new ProgressBar(text(s, from, descriptionEnd), n, total, rate(s, firstComma + 2, rateEnd),
				eta);
	}

	/**
	 * The metrics in a bar's description ({@code bar.set_description(f"Epoch {e} loss: {loss:.4f}")}, as much
	 * PyTorch code shows its loss): values only, no step (the bar's count is the step, not the description's epoch).
	 */
	private static void descriptionValues(String s, int from, int to, Fields fields) {
		boolean mayHold = false;
		for (int i = from; i < to && !mayHold; i++) {
			char c = s.charAt(i);
			mayHold = c == ':' || c == '='; // most descriptions ("Epoch 3", "Training") hold none: no scan
		}
		if (!mayHold) {
			return;
		}
		Fields found = new Fields();
		scan(s, from, to, found);
		if (found.values != null) {
			found.values.forEach(fields::metric);
		}
		if (found.malformed != null) {
			found.malformed.forEach(fields::malformed);
		}
	}

	/** {@code 00:01} or {@code 1:02:03} (tqdm's elapsed time) at {@code s[at]}. */
	private static boolean startsWithClock(String s, int at, int to) {
		int i = at;
		while (i < to && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		return i > at && i < to && s.charAt(i) == ':' && i + 2 < to && isAsciiDigit(s.charAt(i + 1))
				&& isAsciiDigit(s.charAt(i + 2));
	}

	/** tqdm's unit-scaled counts: {@code 26}, {@code 1.20k}, {@code 3.5M}; NaN when not a count. */
	private static double scaled(String s, int from, int to) {
		if (from >= to) {
			return Double.NaN;
		}
		int scale = "kMGTP".indexOf(s.charAt(to - 1));
		double value = number(s, from, scale < 0 ? to : to - 1);
		return scale < 0 ? value : value * Math.pow(1000, scale + 1);
	}

	/** The rate {@code 21.9it/s} as {@code 21.9 it/s}; {@code ?it/s} (not known yet) as nothing. */
	private static String rate(String s, int from, int to) {
		while (from < to && s.charAt(from) == ' ') {
			from++;
		}
		if (from >= to || s.charAt(from) == '?') {
			return "";
		}
		int unit = numberPrefix(s, from, to);
		return unit == from || unit == to || s.charAt(unit) == ' ' ? s.substring(from, to)
				: s.substring(from, unit) + " " + s.substring(unit, to);
	}

	/** A clock as tqdm prints it, without a leading zero: {@code 00:02} as {@code 0:02}. */
	private static String clock(String s, int from, int to) {
		return to - from > 4 && s.charAt(from) == '0' && s.charAt(from + 2) == ':' ? s.substring(from + 1, to)
				: s.substring(from, to);
	}

	// ---- XGBoost and LightGBM rounds -----------------------------------------------------------------------------

	/** {@code [12]\ttrain-logloss:0.19\teval-error:0.03}, {@code [10]\tvalid_0's l2: 0.31}. */
	private static boolean readRounds(String s, int from, int to, Fields fields) {
		int i = from + 1;
		while (i < to && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		if (i == from + 1 || i - from > 16 || i + 1 >= to || s.charAt(i) != ']' || s.charAt(i + 1) != '\t') {
			return false;
		}
		fields.stepKey = ROUND_KEY;
		fields.step = Long.parseLong(s, from + 1, i, 10);
		fields.stepRank = 1;
		int field = i + 2;
		while (field < to) {
			int tab = s.indexOf('\t', field);
			int end = tab < 0 || tab > to ? to : tab;
			int colon = end - 1; // the last colon of this field only: a search past it would make long lines quadratic
			while (colon > field && s.charAt(colon) != ':') {
				colon--;
			}
			if (colon > field) {
				String name = s.substring(field, colon).strip().replace("'s ", "/");
				int v = colon + 1;
				while (v < end && s.charAt(v) == ' ') {
					v++;
				}
				int valueEnd = end;
				int plus = s.indexOf('+', v + 1); // xgb.cv: mean+std
				if (plus > 0 && plus < end && s.charAt(plus - 1) != 'e' && s.charAt(plus - 1) != 'E') {
					valueEnd = plus;
				}
				double value = number(s, v, valueEnd);
				if (!Double.isNaN(value)) {
					fields.metric(name, value);
				} else if (malformedNumber(s, v, valueEnd)) {
					fields.malformed(name + ":" + s.substring(v, valueEnd));
				}
			}
			field = end + 1;
		}
		return true;
	}

	/**
	 * {@code [2,  4000] loss: 1.852}: the epoch and the step within it, as PyTorch's CIFAR-10 tutorial prints them
	 * ({@code [%d, %5d]}), then a space. The step is the line's x; the epoch says where its count started again.
	 *
	 * @return where the rest of the line starts, or -1 when the line does not start so
	 */
	private static int readEpochAndStep(String s, int from, int to, Fields fields) {
		int i = from + 1;
		int epochEnd = digitsEnd(s, i, to);
		if (epochEnd == i || epochEnd >= to || s.charAt(epochEnd) != ',') {
			return -1;
		}
		int stepStart = skipSpaces(s, epochEnd + 1, to);
		int stepEnd = digitsEnd(s, stepStart, to);
		if (stepEnd == stepStart || stepEnd + 1 >= to || s.charAt(stepEnd) != ']' || s.charAt(stepEnd + 1) != ' ') {
			return -1;
		}
		fields.stepKey = "step";
		fields.step = Long.parseLong(s, stepStart, stepEnd, 10);
		fields.stepRank = stepRank("step");
		fields.epoch = Long.parseLong(s, i, epochEnd, 10);
		return stepEnd + 2;
	}

	/** The end of the run of ASCII digits at {@code at} (at most 18, so it parses as a long). */
	private static int digitsEnd(String s, int at, int to) {
		int i = at;
		while (i < to && i - at < 18 && isAsciiDigit(s.charAt(i))) {
			i++;
		}
		return i;
	}

	// ---- JSON objects and Python dicts ----------------------------------------------------------------------------

	/**
	 * Reads one object with Gson's lenient reader (it takes Python's single quotes; {@code True}, {@code None},
	 * {@code nan} arrive as unquoted strings) and flattens nested objects with {@code /}. Arrays are skipped.
	 * Iterative, with a depth limit: no nesting can exhaust the stack.
	 */
	private static void readJson(String text, Fields fields) {
		try (JsonReader reader = new JsonReader(new StringReader(text))) {
			reader.setStrictness(Strictness.LENIENT);
			reader.setNestingLimit(MAX_JSON_DEPTH);
			ArrayDeque<String> prefixes = new ArrayDeque<>();
			reader.beginObject();
			prefixes.push("");
			while (!prefixes.isEmpty()) {
				if (reader.peek() == JsonToken.END_OBJECT) {
					reader.endObject();
					prefixes.pop();
					continue;
				}
				String name = prefixes.peek() + reader.nextName();
				switch (reader.peek()) {
				case BEGIN_OBJECT -> {
					reader.beginObject();
					prefixes.push(name + "/");
				}
				case NUMBER, STRING -> {
					String value = reader.nextString();
					double number = number(value, 0, value.length());
					if (!Double.isNaN(number)) {
						fields.value(name, number);
					} else if (nonFinite(value, 0, value.length()) || isNumberText(value, 0, value.length())) {
						fields.malformed(name + "=" + value);
					}
				}
				default -> reader.skipValue();
				}
			}
			if (reader.peek() != JsonToken.END_DOCUMENT) {
				fields.malformed("JSON: text after the object");
			}
		} catch (IOException | RuntimeException e) {
			// Gson reports bad input as MalformedJsonException, IllegalStateException or JsonParseException
			String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			fields.values = null;
			fields.stepKey = null;
			fields.step = Double.NaN;
			fields.malformed("JSON: " + reason.lines().findFirst().orElse(""));
		}
	}

	/** The line without ANSI escape sequences (colours, cursor moves): they are not part of what it says. */
	static String withoutAnsi(String line) {
		StringBuilder out = new StringBuilder(line.length());
		int i = 0;
		int n = line.length();
		while (i < n) {
			char c = line.charAt(i);
			if (c != '\u001b') {
				out.append(c);
				i++;
				continue;
			}
			i++;
			if (i < n && line.charAt(i) == '[') { // CSI: parameters, then one final byte
				i++;
				while (i < n && (line.charAt(i) < 0x40 || line.charAt(i) > 0x7e)) {
					i++;
				}
				i++;
			} else if (i < n && line.charAt(i) == ']') { // OSC: up to BEL or ESC \
				while (i < n && line.charAt(i) != '\u0007' && line.charAt(i) != '\u001b') {
					i++;
				}
				i++;
			} else {
				i++;
			}
		}
		return out.toString();
	}
}
