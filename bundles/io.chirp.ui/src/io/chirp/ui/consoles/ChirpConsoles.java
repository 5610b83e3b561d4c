package io.chirp.ui.consoles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;

/**
 * Chirp's consoles, one per message source as the original pattern had one text box per source. They are
 * standard IOConsoles registered with the console manager, so the standard Console view lists and shows them.
 */
public final class ChirpConsoles {

	public static final String TYPE = "io.chirp.console";
	public static final String OUTPUT = "Output";
	public static final String WORKER = "Worker";
	public static final String RECEIVER = "Receiver";
	public static final String WORKBENCH = "Workbench";

	private final IConsoleManager manager;
	private final IOConsole output = create(OUTPUT);
	private final IOConsole worker = create(WORKER);
	private final IOConsole receiver = create(RECEIVER);
	private final IOConsole workbench = create(WORKBENCH);
	private final IOConsoleOutputStream workbenchStream = workbench.newOutputStream();

	public ChirpConsoles(IConsoleManager manager) {
		this.manager = manager;
		manager.addConsoles(all().toArray(IConsole[]::new));
	}

	private static IOConsole create(String name) {
		return new IOConsole(name, TYPE, null, StandardCharsets.UTF_8, true);
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

	/** Writes one line to the Workbench console (messages of UI-thread callbacks: run started, stopped, errors). */
	public void workbenchLine(String line) {
		try {
			// IOConsoleOutputStream queues the text and never blocks on the UI thread
			workbenchStream.write(line + System.lineSeparator());
		} catch (IOException e) {
			throw new UncheckedIOException("the Workbench console is closed", e);
		}
	}

	/** Removes the consoles from the console manager and releases their documents. */
	public void dispose() {
		try {
			workbenchStream.close();
		} catch (IOException e) {
			// closing a console stream only flushes pending text into a console that goes away anyway
		}
		manager.removeConsoles(all().toArray(IConsole[]::new));
	}
}
