package io.chirp.ui.consoles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.graphics.Color;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;

import io.chirp.core.output.OutputSink;


/**
 * Chirp's consoles, one per message source as the original pattern had one text box per source. They are
 * standard IOConsoles registered with the console manager, so the standard Console view lists and shows them.
 * Writing is safe from any thread and never blocks: a {@link ConsoleFeeder} per console gathers lines and
 * appends them every few tens of milliseconds; under a flood it passes over the oldest lines and says how many.
 */
public final class ChirpConsoles {

	public static final String TYPE = "io.chirp.console";
	public static final String OUTPUT = "Output";
	public static final String WORKER = "Worker";
	public static final String RECEIVER = "Receiver";
	public static final String WORKBENCH = "Workbench";
	/**
	 * The console attribute naming the Console view instance ({@link ChirpConsoleView}) that shows it: the secondary
	 * id of that instance, the console's name in lower case.
	 */
	public static final String VIEW_ATTRIBUTE = "io.chirp.console.view";

	/** Default output limit of each console, in characters (older text is trimmed, so memory stays bounded). */
	public static final int DEFAULT_LIMIT_CHARS = 1_000_000;

	/**
	 * Most characters a console is given per {@link ConsoleFeeder#FLUSH_MILLIS} (~2.5 MB/s, ~30,000 lines/s of 80
	 * characters): more than anyone reads, and little enough that a flood leaves the UI thread most of its time.
	 */
	public static final int MAX_CHARS_PER_FLUSH = 128 * 1024;

	private static final Color ERROR_COLOR = new Color(0xC8, 0x1E, 0x1E);

	private final IConsoleManager manager;
	private final IOConsole output = create(OUTPUT);
	private final IOConsole worker = create(WORKER);
	private final IOConsole receiver = create(RECEIVER);
	private final IOConsole workbench = create(WORKBENCH);
	private final Map<IOConsole, IOConsoleOutputStream> streams;
	private final IOConsoleOutputStream outputErr;
	private final IOConsoleOutputStream workbenchErr;
	private volatile int limitChars;
	/** Each stream's console feeder; a console's streams share one, so their lines keep their order. */
	private final Map<IOConsoleOutputStream, ConsoleFeeder<IOConsoleOutputStream>> feeders = new HashMap<>();
	private volatile boolean disposed;

	/**
	 * Must be called on the UI thread (stream colours are set here).
	 *
	 * @param limitChars output limit of each console, applied by {@link #applyOutputLimit()}
	 */
	public ChirpConsoles(IConsoleManager manager, int limitChars) {
		this.manager = manager;
		streams = Map.of(output, output.newOutputStream(), worker, worker.newOutputStream(), receiver,
				receiver.newOutputStream(), workbench, workbench.newOutputStream());
		outputErr = output.newOutputStream();
		outputErr.setColor(ERROR_COLOR);
		workbenchErr = workbench.newOutputStream();
		workbenchErr.setColor(ERROR_COLOR);
		this.limitChars = limitChars;
		// programs redraw progress bars with \r: the Output console shows each bar in place, as a terminal does
		output.setHandleControlCharacters(true);
		output.setCarriageReturnAsControlCharacter(true);
		for (IOConsole console : all()) {
			ConsoleFeeder<IOConsoleOutputStream> feeder = new ConsoleFeeder<>(console.getName(), streams.get(console),
					MAX_CHARS_PER_FLUSH, IOConsoleOutputStream::write);
			feeders.put(streams.get(console), feeder);
			if (console == output) {
				feeders.put(outputErr, feeder);
			} else if (console == workbench) {
				feeders.put(workbenchErr, feeder);
			}
		}
		manager.addConsoles(all().toArray(IConsole[]::new));
	}

	/**
	 * Turns the output limit on: beyond {@code limitChars} the oldest text of a console is trimmed, so memory stays
	 * bounded under any flood. Needs the running workbench (the console's trimming job is a workbench job).
	 */
	public void applyOutputLimit() {
		for (IOConsole console : all()) {
			console.setWaterMarks(Math.max(1000, limitChars * 4 / 5), Math.max(1001, limitChars));
		}
	}

	/**
	 * A new flood bound (the preference changed): the most characters a console is given per flush; what comes
	 * beyond it is passed over and counted. Applied from the next flush on.
	 */
	public void setFloodBound(int charsPerFlush) {
		feeders.values().forEach(f -> f.setMaxCharsPerFlush(charsPerFlush));
	}

	/**
	 * The colours of the workbench's theme (Dark: light text on a dark background; Light: the platform's own); the
	 * error streams stay red. On the UI thread.
	 */
	public void setScheme(io.chirp.ui.parts.ChartStyle.Scheme scheme) {
		boolean dark = scheme == io.chirp.ui.parts.ChartStyle.Scheme.DARK;
		for (IOConsole console : all()) {
			console.setBackground(dark ? scheme.background : null);
			streams.get(console).setColor(dark ? scheme.text : null);
		}
	}

	/** The background the consoles have now (null: the platform's), for tests. */
	public Color background() {
		return output.getBackground();
	}

	/** A new output limit (the preference changed), applied at once; on the UI thread. */
	public void setOutputLimit(int chars) {
		limitChars = chars;
		applyOutputLimit();
	}

	private static IOConsole create(String name) {
		IOConsole console = new IOConsole(name, TYPE, null, StandardCharsets.UTF_8, true);
		console.setAttribute(VIEW_ATTRIBUTE, viewIdOf(name));
		return console;
	}

	/** The secondary id of the Console view instance that shows the console named {@code consoleName}. */
	public static String viewIdOf(String consoleName) {
		return consoleName.toLowerCase(java.util.Locale.ROOT);
	}

	/** All consoles, in the order they are shown. */
	public List<IOConsole> all() {
		return List.of(output, worker, receiver, workbench);
	}

	public IOConsole output() {
		return output;
	}

	public IOConsole worker() {
		return worker;
	}

	public IOConsole receiver() {
		return receiver;
	}

	public IOConsole workbench() {
		return workbench;
	}

	/** The sink for what a run prints: lines go to the Output console, stderr in red; redrawn lines in place. */
	public OutputSink outputSink() {
		return outputSink(() -> "");
	}

	/**
	 * The sink for what one of several runs prints: each line starts with {@code prefix} (the run's name in
	 * brackets, read at each line, so a renamed run's lines follow its new name).
	 */
	public OutputSink outputSink(java.util.function.Supplier<String> prefix) {
		return new OutputSink() {
			@Override
			public void line(String line, boolean stderr) {
				write(stderr ? outputErr : streams.get(output), prefix.get() + line);
			}

			@Override
			public void notice(String text, boolean stderr) {
				if (!disposed) {
					IOConsoleOutputStream stream = stderr ? outputErr : streams.get(output);
					feeders.get(stream).notice(stream, prefix.get() + text);
				}
			}

			@Override
			public void redraw(String line, boolean stderr) {
				if (!disposed) {
					IOConsoleOutputStream stream = stderr ? outputErr : streams.get(output);
					feeders.get(stream).redraw(stream, prefix.get() + line);
				}
			}

			@Override
			public void lines(List<String> lines, boolean stderr) {
				if (!disposed) {
					IOConsoleOutputStream stream = stderr ? outputErr : streams.get(output);
					String p = prefix.get();
					feeders.get(stream).addAll(stream, p.isEmpty() ? lines : lines.stream().map(l -> p + l).toList());
				}
			}
		};
	}

	/** Ends a bar the Output console still shows in place, so the next run's text starts on a line of its own. */
	public void endRedrawnLines() {
		if (!disposed) {
			feeders.get(streams.get(output)).endRedrawnLine();
		}
	}

	/** Writes one line to one of these consoles. */
	public void line(IOConsole console, String line) {
		write(streams.get(console), line);
	}

	/** Writes one line to the Workbench console (run started, stopped, summary). */
	public void workbenchLine(String line) {
		write(streams.get(workbench), line);
	}

	/** Writes an error to the Workbench console, in red. */
	public void workbenchError(String text) {
		write(workbenchErr, text);
	}

	private void write(IOConsoleOutputStream stream, String line) {
		if (!disposed) {
			feeders.get(stream).add(stream, line);
		}
	}

	/** Waits until every line given so far is in its console's stream; false after {@code millis}. */
	public boolean awaitWritten(long millis) throws InterruptedException {
		long end = System.nanoTime() + millis * 1_000_000L;
		for (ConsoleFeeder<IOConsoleOutputStream> feeder : Set.copyOf(feeders.values())) {
			if (!feeder.awaitFlushed(Math.max(0, (end - System.nanoTime()) / 1_000_000L))) {
				return false;
			}
		}
		return true;
	}

	/** The stack trace of {@code t} as text. */
	public static String stackTrace(Throwable t) {
		StringWriter text = new StringWriter();
		t.printStackTrace(new PrintWriter(text));
		return text.toString().stripTrailing();
	}

	/** Removes the consoles from the console manager and releases their documents. */
	public void dispose() {
		disposed = true;
		Set.copyOf(feeders.values()).forEach(ConsoleFeeder::close);
		for (IOConsoleOutputStream s : List.of(outputErr, workbenchErr)) {
			closeQuietly(s);
		}
		streams.values().forEach(ChirpConsoles::closeQuietly);
		manager.removeConsoles(all().toArray(IConsole[]::new));
	}

	private static void closeQuietly(IOConsoleOutputStream s) {
		try {
			s.close();
		} catch (IOException e) {
			// closing only flushes into a console that goes away anyway
		}
	}
}
