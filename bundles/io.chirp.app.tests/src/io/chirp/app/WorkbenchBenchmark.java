package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.ui.IViewReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.RunModel;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunSpec;
import io.chirp.ui.run.RunLibrary;
import io.chirp.core.run.RunState;
import io.chirp.source.chirp.ChirpParameters;
import io.chirp.source.chirp.ChirpSource;
import io.chirp.source.process.ProcessSource;
import io.chirp.ui.consoles.ChirpConsoles;

/**
 * Figures that need the running product: captured console output against an IOConsole written directly, one
 * 10 MB line, and resident memory at full rate. Run by {@code ./chirp bench} (the bench profile of this fragment);
 * not part of the test suite. Writes Markdown rows to the file named by {@code chirp.bench.out}.
 */
class WorkbenchBenchmark {

	private static final int THREADS = 8;
	private static final int LINE_CHARS = 80;
	private static final long PRINT_MILLIS = 5_000;
	private static final int LONG_LINE_CHARS = 10 * 1024 * 1024;
	private static final long DELIVERY_WAIT_MILLIS = 60_000;
	private static final String END_LINE = "bench: the last line";

	private final List<String> rows = new ArrayList<>();

	@BeforeAll
	static void startWorkbench() throws InterruptedException {
		RunningWorkbench.start();
	}

	@AfterAll
	static void closeWorkbench() throws InterruptedException {
		RunningWorkbench.close(TimeUnit.SECONDS.toMillis(30));
	}

	@Test
	void measure() throws Exception {
		ChirpConsoles consoles = RunningWorkbench.applicationContext().get(ChirpConsoles.class);
		OutputCapture capture = RunningWorkbench.applicationContext().get(OutputCapture.class);
		RunController controller = RunningWorkbench.applicationContext().get(RunController.class);
		assertNotNull(consoles);
		rows.add(String.format(Locale.ROOT, "Workbench benchmark: %d cores, Java %s, the Chirp workbench under %s%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				System.getenv().getOrDefault("DISPLAY", "?")));
		rows.add("| figure | value | unit | naive baseline | baseline / Chirp | target | met |");
		rows.add("|---|---|---|---|---|---|---|");
		pause(2_000); // let start-up work settle
		LatenessProbe idleProbe = LatenessProbe.start();
		pause(3_000);
		double[] idle = idleProbe.stop();
		double idleP99 = percentile(idle, 0.99);
		double idleMax = idle[idle.length - 1];
		rows.add(String.format(Locale.ROOT, "| UI timer lateness, idle workbench (p99 / max) | %.1f / %.1f | ms | | | | |", idleP99, idleMax));

		IOConsole output = consoles.output();
		ConsoleRun chirp = printLines(output, (k, until) -> {
			try (OutputCapture.Binding bound = capture.bind(consoles.outputSink())) {
				return printThroughSystemOut(k, until);
			}
		}, () -> {
			try (OutputCapture.Binding bound = capture.bind(consoles.outputSink())) {
				System.out.println(END_LINE);
			}
		});
		// Chirp's 10 MB line before the baseline's view exists: the platform's Console view makes a page for every
		// console, Chirp's Output too, and would draw that line a second time in its hidden page
		LongLineRun chirpLong = printLongLine(output, text -> {
			try (OutputCapture.Binding bound = capture.bind(consoles.outputSink())) {
				System.out.println(text);
			}
		});
		clear(output);
		IOConsole baseline = showBaselineConsole(consoles);
		IOConsoleOutputStream[] direct = new IOConsoleOutputStream[THREADS];
		for (int k = 0; k < THREADS; k++) {
			direct[k] = baseline.newOutputStream();
		}
		ConsoleRun naive = printLines(baseline, (k, until) -> printIntoStream(direct[k], k, until), () -> {
			try {
				direct[0].write(END_LINE + "\n");
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		});
		consoleRows(chirp, naive, idleP99);

		IOConsoleOutputStream longDirect = baseline.newOutputStream();
		LongLineRun naiveLong = printLongLine(baseline, text -> {
			try {
				longDirect.write(text + "\n");
			} catch (IOException e) {
				throw new IllegalStateException(e);
			}
		});
		rows.add(String.format(Locale.ROOT,
				"| one 10 MB line: longest UI stall (timer max lateness), shown after %.1f s, intact: %s | %.0f | ms | %.0f (shown after %.1f s, intact: %s) | %.1fx | <= 100 | %s |",
				chirpLong.shownSeconds, chirpLong.intact ? "yes" : "no", chirpLong.maxLateness, naiveLong.maxLateness,
				naiveLong.shownSeconds, naiveLong.intact ? "yes" : "no", naiveLong.maxLateness / chirpLong.maxLateness,
				chirpLong.maxLateness <= 100 && chirpLong.intact ? "yes" : "no"));
		restoreOutputConsole(consoles, baseline);

		tqdmFlood(controller, consoles, idleP99);
		tenRunsAtOnce(controller, consoles, idleP99);
		memoryAtFullRate(controller, consoles, idleP99);
		write();
	}

	// ---- captured console output ----

	private record ConsoleRun(long printed, double printSeconds, double shownSeconds, boolean allShown, long shown,
			long trimmed, long passedOver, long lost, long mangled, long droppedReported, double[] lateness, long peakHeapBytes,
			long peakRssBytes) {

		long accounted() {
			return shown + trimmed + passedOver;
		}

		double linesPerSecond() {
			return accounted() / shownSeconds;
		}
	}

	@FunctionalInterface
	private interface Printer {
		long print(int thread, long deadline) throws Exception;
	}

	/** One numbered line of exactly 80 characters; its filler letter follows from its number. */
	private static void fillLine(char[] line, int thread, long seq) {
		line[0] = 'w';
		line[1] = (char) ('0' + thread);
		line[2] = ' ';
		long s = seq;
		for (int i = 12; i >= 3; i--) {
			line[i] = (char) ('0' + s % 10);
			s /= 10;
		}
		line[13] = ' ';
		Arrays.fill(line, 14, LINE_CHARS, (char) ('a' + seq % 26));
	}

	private static long printThroughSystemOut(int thread, long deadline) {
		char[] line = new char[LINE_CHARS];
		long seq = 0;
		while (System.nanoTime() < deadline) {
			fillLine(line, thread, seq++);
			System.out.println(line);
		}
		return seq;
	}

	private static long printIntoStream(IOConsoleOutputStream stream, int thread, long deadline) throws IOException {
		char[] line = new char[LINE_CHARS];
		long seq = 0;
		while (System.nanoTime() < deadline) {
			fillLine(line, thread, seq++);
			stream.write(new String(line) + "\n");
		}
		return seq;
	}

	private ConsoleRun printLines(IOConsole console, Printer printer, Runnable endLine) throws Exception {
		clear(console);
		MemoryPeak memory = MemoryPeak.start();
		LatenessProbe probe = LatenessProbe.start();
		long[] printed = new long[THREADS];
		Thread[] threads = new Thread[THREADS];
		long started = System.nanoTime();
		long deadline = started + TimeUnit.MILLISECONDS.toNanos(PRINT_MILLIS);
		for (int k = 0; k < THREADS; k++) {
			int thread = k;
			threads[k] = new Thread(() -> {
				try {
					printed[thread] = printer.print(thread, deadline);
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			}, "bench printer " + k);
			threads[k].start();
		}
		for (Thread t : threads) {
			t.join();
		}
		double printSeconds = (System.nanoTime() - started) / 1e9;
		// one more line the same way: output keeps its order, so once it shows, everything printed before is there
		endLine.run();
		boolean allShown = waitUntil(DELIVERY_WAIT_MILLIS, () -> tail(console, 10_000).contains(END_LINE));
		double shownSeconds = (System.nanoTime() - started) / 1e9;
		double[] lateness = probe.stop();
		memory.stop();
		String text = RunningWorkbench.onUi(() -> console.getDocument().get());
		return parse(text, printed, printSeconds, shownSeconds, allShown, lateness, memory);
	}

	private static ConsoleRun parse(String text, long[] printed, double printSeconds, double shownSeconds,
			boolean allShown, double[] lateness, MemoryPeak memory) {
		long[] next = new long[THREADS];
		Arrays.fill(next, -1);
		long shown = 0;
		long trimmed = 0;
		long lost = 0;
		long mangled = 0;
		long dropped = 0;
		long trimmedCredit = 0;
		long droppedCredit = 0;
		long passedOver = 0;
		boolean firstLine = true;
		for (String line : text.split("\n", -1)) {
			if (line.isEmpty() || line.equals(END_LINE)) {
				continue;
			}
			if (line.startsWith(OutputCapture.NOTICE_PREFIX) && line.contains(" lines dropped")) {
				long count = noticeCount(line);
				dropped += count;
				droppedCredit += count;
				continue;
			}
			if (line.startsWith(OutputCapture.NOTICE_PREFIX) && line.contains(" lines passed over")) {
				// the console feeder passed over lines that came faster than a console is given them: counted
				trimmedCredit += noticeCount(line);
				continue;
			}
			long seq = sequenceOf(line);
			if (seq < 0) {
				if (firstLine) {
					firstLine = false;
					continue; // the output limit trims at a character count: the first line may be a line's end
				}
				mangled++;
				continue;
			}
			firstLine = false;
			int k = line.charAt(1) - '0';
			if (next[k] < 0) {
				trimmed += seq; // the lines before the first one shown went to the output limit
			} else if (seq > next[k]) {
				long gap = seq - next[k];
				long covered = Math.min(trimmedCredit, gap); // a gap a "passed over" report accounts for
				trimmedCredit -= covered;
				passedOver += covered;
				long dropCovered = Math.min(droppedCredit, gap - covered); // or a "dropped" report
				droppedCredit -= dropCovered;
				lost += gap - covered - dropCovered;
			} else if (seq < next[k]) {
				mangled++; // repeated or out of order
				continue;
			}
			shown++;
			next[k] = seq + 1;
		}
		for (int k = 0; k < THREADS; k++) {
			if (next[k] < 0) {
				trimmed += printed[k]; // none shown: trimmed or passed over
			} else {
				// the newest lines of a thread that stopped a little earlier than the others may be passed over too
				long tail = printed[k] - next[k];
				long covered = Math.min(trimmedCredit, tail);
				trimmedCredit -= covered;
				passedOver += covered;
				long dropCovered = Math.min(droppedCredit, tail - covered);
				droppedCredit -= dropCovered;
				lost += tail - covered - dropCovered; // printed, never arrived, and no report accounts for it
			}
		}
		return new ConsoleRun(Arrays.stream(printed).sum(), printSeconds, shownSeconds, allShown, shown, trimmed,
				passedOver, lost, mangled, dropped, lateness, memory.heap, memory.rss);
	}

	/** The number a notice starts with ("[Chirp: 1,234 lines ..." gives 1234). */
	private static long noticeCount(String notice) {
		int from = OutputCapture.NOTICE_PREFIX.length();
		return Long.parseLong(notice.substring(from, notice.indexOf(' ', from)).replace(",", ""));
	}

	/** The line's number when it is exactly a line {@link #fillLine} wrote, else -1. */
	private static long sequenceOf(String line) {
		if (line.length() != LINE_CHARS || line.charAt(0) != 'w' || line.charAt(2) != ' ' || line.charAt(13) != ' ') {
			return -1;
		}
		int thread = line.charAt(1) - '0';
		if (thread < 0 || thread >= THREADS) {
			return -1;
		}
		long seq = 0;
		for (int i = 3; i <= 12; i++) {
			char c = line.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			seq = seq * 10 + (c - '0');
		}
		char filler = (char) ('a' + seq % 26);
		for (int i = 14; i < LINE_CHARS; i++) {
			if (line.charAt(i) != filler) {
				return -1;
			}
		}
		return seq;
	}

	private void consoleRows(ConsoleRun chirp, ConsoleRun naive, double idleP99) {
		rows.add(String.format(Locale.ROOT,
				"| captured console, 8 threads x 80-char lines for 5 s: lines/s reaching the console (%,d printed; %,d shown + %,d trimmed by the output limit + %,d passed over by the console feeder and reported; all there after %.1f s) | %,.0f | lines/s | %,.0f (%,d shown + %,d trimmed after %.1f s%s) | %.1fx | >= 500,000 | %s |",
				chirp.printed, chirp.shown, chirp.trimmed, chirp.passedOver, chirp.shownSeconds, chirp.linesPerSecond(),
				naive.linesPerSecond(), naive.shown, naive.trimmed, naive.shownSeconds,
				naive.allShown ? "" : ", not all shown", chirp.linesPerSecond() / naive.linesPerSecond(),
				chirp.linesPerSecond() >= 500_000 ? "yes" : "no"));
		rows.add(String.format(Locale.ROOT,
				"| captured console: lines lost / mangled / dropped and reported | %d / %d / %d | lines | %d / %d / - | | 0 lost, 0 mangled | %s |",
				chirp.lost, chirp.mangled, chirp.droppedReported, naive.lost, naive.mangled,
				chirp.lost == 0 && chirp.droppedReported == 0 && chirp.mangled == 0 && chirp.allShown ? "yes" : "no"));
		double p99 = percentile(chirp.lateness, 0.99);
		rows.add(String.format(Locale.ROOT,
				"| captured console: UI timer lateness meanwhile, p99 / max | %.1f / %.1f | ms | %.1f / %.1f | %.1fx (p99) | p99 <= idle + 20 (%.1f) | %s |",
				p99, max(chirp.lateness), percentile(naive.lateness, 0.99), max(naive.lateness),
				percentile(naive.lateness, 0.99) / p99, idleP99 + 20, p99 <= idleP99 + 20 ? "yes" : "no"));
		rows.add(String.format(Locale.ROOT,
				"| captured console: peak heap used / peak resident size | %,d / %,d | MB | %,d / %,d | | | |",
				chirp.peakHeapBytes >> 20, chirp.peakRssBytes >> 20, naive.peakHeapBytes >> 20, naive.peakRssBytes >> 20));
	}

	// ---- one 10 MB line ----

	private record LongLineRun(double maxLateness, double shownSeconds, boolean intact) {
	}

	private LongLineRun printLongLine(IOConsole console, Consumer<String> print) throws Exception {
		clear(console);
		char[] chars = new char[LONG_LINE_CHARS];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) ('a' + i % 26);
		}
		String text = new String(chars);
		String tail = text.substring(text.length() - 1_000);
		LatenessProbe probe = LatenessProbe.start();
		long started = System.nanoTime();
		Thread printer = new Thread(() -> print.accept(text), "bench long line");
		printer.start();
		printer.join();
		boolean shown = waitUntil(DELIVERY_WAIT_MILLIS, () -> tail(console, 2_000).stripTrailing().endsWith(tail));
		double seconds = (System.nanoTime() - started) / 1e9;
		pause(300); // the paint after the last text arrived
		double[] lateness = probe.stop();
		// what is shown must be the line's end, cut into pieces with a marker at each cut
		String document = RunningWorkbench.onUi(() -> console.getDocument().get());
		// after a "[Chirp: N lines passed over ...]" report only the newest pieces follow: they must be the line's end
		int report = document.lastIndexOf(OutputCapture.NOTICE_PREFIX);
		String shownPart = report < 0 ? document : document.substring(document.indexOf('\n', report) + 1);
		String joined = shownPart.replace(OutputCapture.SPLIT_MARKER + "\n", "").replace("\n", "");
		boolean intact = shown && !joined.isEmpty() && text.endsWith(joined);
		return new LongLineRun(max(lateness), seconds, intact);
	}

	// ---- memory at full rate ----

	private void memoryAtFullRate(RunController controller, ChirpConsoles consoles, double idleP99) throws Exception {
		double minutes = Double.parseDouble(System.getProperty("chirp.bench.memoryMinutes", "5"));
		long totalMillis = (long) (minutes * 60_000);
		long firstMinuteMillis = Math.min(60_000, totalMillis / 5);
		ChirpParameters fullRate = new ChirpParameters(0.5, 0.2, 1.0, 1_000_000.0, 10_000, 0);
		RunModel model = RunningWorkbench.onUi(() -> controller.start(new ChirpSource(fullRate), consoles.outputSink()));
		LatenessProbe probe = LatenessProbe.start();
		long started = System.nanoTime();
		List<long[]> samples = new ArrayList<>(); // {millis, rss}
		while (true) {
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			samples.add(new long[] { millis, MemoryPeak.rss() });
			if (millis >= totalMillis) {
				break;
			}
			pause(Math.min(5_000, totalMillis - millis));
		}
		double[] lateness = probe.stop();
		long samplesStored = model.received();
		assertTrue(controller.stop(10_000), "the full-rate run stopped");
		long atFirstMinute = samples.stream().filter(s -> s[0] >= firstMinuteMillis).findFirst().orElseThrow()[1];
		long atEnd = samples.get(samples.size() - 1)[1];
		long maxAfter = samples.stream().filter(s -> s[0] >= firstMinuteMillis).mapToLong(s -> s[1]).max().orElseThrow();
		double growth = 100.0 * (atEnd - atFirstMinute) / atFirstMinute;
		rows.add(String.format(Locale.ROOT,
				"| resident size after %.0f min at full rate (%,.1f M samples/s into chart and consoles): at %.0f s / at the end / highest after %.0f s | %,d / %,d / %,d | MB | | | growth after %.0f s <= 5%% | %s (%+.1f%%) |",
				minutes, samplesStored / (totalMillis / 1000.0) / 1e6, firstMinuteMillis / 1000.0, firstMinuteMillis / 1000.0,
				atFirstMinute >> 20, atEnd >> 20, maxAfter >> 20, firstMinuteMillis / 1000.0, growth <= 5 ? "yes" : "no",
				growth));
		double p99 = percentile(lateness, 0.99);
		rows.add(String.format(Locale.ROOT,
				"| UI timer lateness in the workbench during that run, p99 / max | %.1f / %.1f | ms | | | p99 <= idle + 5 (%.1f) | %s |",
				p99, max(lateness), idleP99 + 5, p99 <= idleP99 + 5 ? "yes" : "no"));
	}

	/**
	 * A program drawing a tqdm bar 20,000 times a second (bars of 100,000 steps with the loss in the postfix) for
	 * {@code chirp.bench.tqdmSeconds} (30 s): the UI timer, memory, and the Output console showing each bar in place.
	 */
	private void tqdmFlood(RunController controller, ChirpConsoles consoles, double idleP99) throws Exception {
		int seconds = Integer.getInteger("chirp.bench.tqdmSeconds", 30);
		int rate = 20_000;
		String program = String.join("\n", "import sys, time",
				"rate, seconds, total = " + rate + ", " + seconds + ", 100000",
				"start = time.monotonic(); i = 0; out = sys.stderr",
				"while i < rate * seconds:",
				"    n = i % total",
				"    if n == 0 and i > 0: out.write('\\n')",
				"    out.write('\\rEpoch %d: %3d%%|%-10s| %d/%d [00:%02d<00:%02d, %.2fit/s, loss=%.4f]' % (i // total + 1,"
						+ " 100 * n // total, '#' * (10 * n // total), n, total, 0, 0, rate, 1.0 / (1 + i / 1000)))",
				"    i += 1",
				"    if i % 200 == 0:",
				"        out.flush()",
				"        ahead = start + i / rate - time.monotonic()",
				"        if ahead > 0: time.sleep(ahead)",
				"out.write('\\n'); out.flush()");
		clear(consoles.output());
		ProcessSource source = new ProcessSource(new ProcessSource.Spec(List.of("python3", "-c", program), Path.of("."),
				java.util.Map.of(), 1_000));
		MemoryPeak peak = MemoryPeak.start();
		RunModel model = RunningWorkbench.onUi(() -> controller.start(source, consoles.outputSink()));
		LatenessProbe probe = LatenessProbe.start();
		pause(5_000);
		long rssAt5 = MemoryPeak.rss();
		boolean ended = waitUntil(TimeUnit.SECONDS.toMillis(seconds + 30), () -> controller.state() == RunState.IDLE);
		double[] lateness = probe.stop();
		long rssAtEnd = MemoryPeak.rss();
		peak.stop();
		assertTrue(ended, "the tqdm program ended");
		consoles.awaitWritten(5_000);
		String text = RunningWorkbench.onUi(() -> consoles.output().getDocument().get());
		long barLines = text.lines().filter(l -> l.contains("Epoch ")).count();
		long bars = (long) rate * seconds / 100_000;
		double p99 = percentile(lateness, 0.99);
		double growth = 100.0 * (rssAtEnd - rssAt5) / rssAt5;
		rows.add(String.format(Locale.ROOT,
				"| a program drawing a tqdm bar %,d times/s for %d s (%,d metric points stored): UI timer lateness p99 / max | %.1f / %.1f | ms | | | p99 <= idle + 5 (%.1f) | %s |",
				rate, seconds, model.metricPoints(), p99, max(lateness), idleP99 + 5, p99 <= idleP99 + 5 ? "yes" : "no"));
		rows.add(String.format(Locale.ROOT,
				"| that run: resident size at 5 s / at the end / peak heap | %,d / %,d / %,d | MB | | | flat after 5 s (<= 5%%) | %s (%+.1f%%) |",
				rssAt5 >> 20, rssAtEnd >> 20, peak.heap >> 20, growth <= 5 ? "yes" : "no", growth));
		rows.add(String.format(Locale.ROOT,
				"| that run: Output console lines showing a bar (%d bars drawn) | %d | lines | | | one per bar | %s |",
				bars, barLines, barLines <= bars + 1 ? "yes" : "no"));
	}

	/**
	 * Ten programs at once, each printing 1,000 metric lines a second (step, loss, acc) for
	 * {@code chirp.bench.tenRunsSeconds} (60 s), every run recorded, all ten selected so the chart overlays them: the
	 * UI timer, memory, and every point of every run stored.
	 */
	private void tenRunsAtOnce(RunController controller, ChirpConsoles consoles, double idleP99) throws Exception {
		int seconds = Integer.getInteger("chirp.bench.tenRunsSeconds", 60);
		int rate = 1_000;
		int runs = 10;
		String program = String.join("\n", "import sys, time",
				"rate, seconds = " + rate + ", " + seconds,
				"start = time.monotonic(); i = 0",
				"while i < rate * seconds:",
				"    print('step=%d loss=%.5f acc=%.4f' % (i + 1, 1.0 / (1 + i / 1000.0), i / float(rate * seconds)))",
				"    i += 1",
				"    if i % 50 == 0:",
				"        sys.stdout.flush()",
				"        ahead = start + i / float(rate) - time.monotonic()",
				"        if ahead > 0: time.sleep(ahead)");
		clear(consoles.output());
		RunLibrary library = RunningWorkbench.applicationContext().get(RunLibrary.class);
		MemoryPeak peak = MemoryPeak.start();
		long rssBefore = MemoryPeak.rss();
		List<Run> started = new ArrayList<>();
		for (int r = 0; r < runs; r++) {
			ProcessSource source = new ProcessSource(new ProcessSource.Spec(List.of("python3", "-c", program), Path.of("."),
					java.util.Map.of(), 1_000));
			String name = "bench run " + (r + 1);
			started.add(RunningWorkbench.onUi(() -> controller.startRun(source,
					run -> consoles.outputSink(() -> "[" + run.name() + "] "), new RunSpec(name, null, "Program", null))));
		}
		RunningWorkbench.display().syncExec(() -> library.select(started));
		LatenessProbe probe = LatenessProbe.start();
		pause(5_000);
		long rssAt5 = MemoryPeak.rss();
		boolean ended = waitUntil(TimeUnit.SECONDS.toMillis(seconds + 60), () -> controller.state() == RunState.IDLE);
		double[] lateness = probe.stop();
		long rssAtEnd = MemoryPeak.rss();
		peak.stop();
		assertTrue(ended, "the ten programs ended");
		long expected = 2L * rate * seconds;
		long complete = started.stream().filter(r -> r.model().metricPoints() == expected && r.model().lost() == 0).count();
		long lost = started.stream().mapToLong(r -> r.model().lost()).sum();
		long points = started.stream().mapToLong(Run::metricPoints).sum();
		double p99 = percentile(lateness, 0.99);
		rows.add(String.format(Locale.ROOT,
				"| %d programs at once, each printing %,d metric lines/s for %d s, recorded, all overlaid in the chart (%,d metric points stored): UI timer lateness p99 / max | %.1f / %.1f | ms | | | p99 <= idle + 5 (%.1f) | %s |",
				runs, rate, seconds, points, p99, max(lateness), idleP99 + 5, p99 <= idleP99 + 5 ? "yes" : "no"));
		rows.add(String.format(Locale.ROOT,
				"| those runs: every point stored and lost = 0 (runs) / lost samples in all | %d of %d / %d | runs | | | all, 0 lost | %s |",
				complete, runs, lost, complete == runs && lost == 0 ? "yes" : "no"));
		rows.add(String.format(Locale.ROOT,
				"| those runs: resident size before / at 5 s / at the end / peak heap | %,d / %,d / %,d / %,d | MB | | | | |",
				rssBefore >> 20, rssAt5 >> 20, rssAtEnd >> 20, peak.heap >> 20));
		RunningWorkbench.display().syncExec(() -> library.select(List.of()));
	}

	// ---- helpers ----

	/** A 10 ms UI timer, re-armed after each run; records how late each run was. */
	private static final class LatenessProbe {
		private final List<Double> late = new ArrayList<>();
		private volatile boolean running = true;
		private long due;

		static LatenessProbe start() {
			LatenessProbe probe = new LatenessProbe();
			RunningWorkbench.display().asyncExec(probe::arm);
			return probe;
		}

		private void arm() {
			due = System.nanoTime() + 10_000_000L;
			RunningWorkbench.display().timerExec(10, this::tick);
		}

		private void tick() {
			late.add(Math.max(0, (System.nanoTime() - due) / 1e6));
			if (running) {
				arm();
			}
		}

		/** Sorted lateness in ms. */
		double[] stop() {
			return RunningWorkbench.onUi(() -> {
				running = false;
				return late.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			});
		}
	}

	/** Peak heap use and resident size, sampled every 20 ms. */
	private static final class MemoryPeak {
		private volatile boolean running = true;
		private long heap;
		private long rss;
		private Thread sampler;

		static MemoryPeak start() {
			MemoryPeak peak = new MemoryPeak();
			peak.sampler = new Thread(peak::sample, "bench memory sampler");
			peak.sampler.setDaemon(true);
			peak.sampler.start();
			return peak;
		}

		private void sample() {
			while (running) {
				heap = Math.max(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
				rss = Math.max(rss, rss());
				try {
					Thread.sleep(20);
				} catch (InterruptedException e) {
					return;
				}
			}
		}

		void stop() throws InterruptedException {
			running = false;
			sampler.join();
		}

		/** Resident set size of this process from /proc (Linux), or 0 where there is none. */
		static long rss() {
			try {
				for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
					if (line.startsWith("VmRSS:")) {
						return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
					}
				}
			} catch (IOException | NumberFormatException e) {
				// not Linux: no figure
			}
			return 0;
		}
	}

	/** Secondary id of the platform's own Console view that shows the baseline console, as a user would see it. */
	private static final String BASELINE_VIEW = "baseline";

	/**
	 * The baseline console, registered and shown in an instance of the platform's own Console view, opened for it
	 * (Chirp's console views hold only their own console each).
	 */
	private static IOConsole showBaselineConsole(ChirpConsoles consoles) {
		IOConsole baseline = new IOConsole("Baseline (direct IOConsoleOutputStream)", null);
		ConsolePlugin.getDefault().getConsoleManager().addConsoles(new IConsole[] { baseline });
		int limit = ChirpConsoles.DEFAULT_LIMIT_CHARS;
		RunningWorkbench.onUi(() -> {
			baseline.setWaterMarks(limit * 4 / 5, limit); // the same output limit as Chirp's consoles
			try {
				PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(
						org.eclipse.ui.console.IConsoleConstants.ID_CONSOLE_VIEW, BASELINE_VIEW,
						org.eclipse.ui.IWorkbenchPage.VIEW_ACTIVATE);
			} catch (org.eclipse.ui.PartInitException e) {
				throw new IllegalStateException("the platform's Console view did not open", e);
			}
			return null;
		});
		// the view learns of registered consoles asynchronously and passes over display() until it knows the console
		assertTrue(waitUntilQuietly(() -> RunningWorkbench.onUi(() -> {
			IConsoleView view = baselineView();
			if (view != null && view.getConsole() != baseline) {
				view.display(baseline);
			}
			if (view != null && view.getConsole() == baseline) {
				view.setPinned(true);
				return true;
			}
			return false;
		})), "the baseline console shown in the platform's Console view");
		return baseline;
	}

	private static IConsoleView baselineView() {
		IViewReference ref = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
				.findViewReference(org.eclipse.ui.console.IConsoleConstants.ID_CONSOLE_VIEW, BASELINE_VIEW);
		return ref == null ? null : (IConsoleView) ref.getView(false);
	}

	private static void restoreOutputConsole(ChirpConsoles consoles, IOConsole baseline) {
		RunningWorkbench.onUi(() -> {
			IViewReference ref = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
					.findViewReference(org.eclipse.ui.console.IConsoleConstants.ID_CONSOLE_VIEW, BASELINE_VIEW);
			if (ref != null) {
				ref.getPage().hideView(ref);
			}
			return null;
		});
		ConsolePlugin.getDefault().getConsoleManager().removeConsoles(new IConsole[] { baseline });
	}

	private static boolean waitUntilQuietly(java.util.function.BooleanSupplier condition) {
		try {
			return waitUntil(10_000, condition);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void clear(IOConsole console) throws InterruptedException {
		console.clearConsole();
		assertTrue(waitUntil(10_000, () -> RunningWorkbench.onUi(() -> console.getDocument().getLength() == 0)),
				"console cleared");
	}

	private static String tail(IOConsole console, int chars) {
		return RunningWorkbench.onUi(() -> {
			var document = console.getDocument();
			int length = document.getLength();
			int from = Math.max(0, length - chars);
			try {
				return document.get(from, length - from);
			} catch (org.eclipse.jface.text.BadLocationException e) {
				return "";
			}
		});
	}

	private static boolean waitUntil(long millis, java.util.function.BooleanSupplier condition)
			throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	private static void pause(long millis) throws InterruptedException {
		Thread.sleep(millis);
	}

	private static double percentile(double[] sorted, double p) {
		return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	private static double max(double[] sorted) {
		return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
	}

	private void write() throws IOException {
		String table = String.join("\n", rows) + "\n";
		String out = System.getProperty("chirp.bench.out");
		if (out != null) {
			Files.createDirectories(Path.of(out).getParent());
			Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
		}
	}
}
