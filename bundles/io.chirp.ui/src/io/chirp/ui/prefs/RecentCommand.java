package io.chirp.ui.prefs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.CommandLine;
import io.chirp.core.ProcessSource;

/**
 * A command the user ran, as typed: command line, working directory, environment lines ({@code NAME=value}) and
 * grace period. The last {@link #KEPT} are remembered in the preferences, newest first.
 */
public record RecentCommand(String commandLine, String directory, String environment, String graceSeconds) {

	public static final int KEPT = 10;
	static final String KEY = "process.recent";
	private static final String ENTRY_SEPARATOR = "\u001e";
	private static final String FIELD_SEPARATOR = "\u001f";

	/**
	 * What to run, checked: the reason is in the exception's message.
	 *
	 * @throws IllegalArgumentException naming the field and the problem
	 */
	public ProcessSource.Spec toSpec() {
		List<String> command = CommandLine.split(commandLine);
		Map<String, String> variables = new LinkedHashMap<>();
		int lineNumber = 0;
		for (String line : environment.split("\\R")) {
			lineNumber++;
			if (line.isBlank()) {
				continue;
			}
			int equals = line.indexOf('=');
			String name = equals < 0 ? line.strip() : line.substring(0, equals).strip();
			if (equals < 0 || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
				throw new IllegalArgumentException("Environment line " + lineNumber + " '" + line.strip()
						+ "' is not NAME=value (a name of letters, digits and _).");
			}
			variables.put(name, line.substring(equals + 1));
		}
		double grace;
		try {
			grace = Double.parseDouble(graceSeconds.strip());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("Grace period: '" + graceSeconds.strip() + "' is not a number of seconds.");
		}
		if (!(grace >= 0 && grace <= ProcessSource.Spec.MAX_GRACE_MILLIS / 1000.0)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"Grace period: %s s is invalid: allowed range [0, %d] s.", graceSeconds.strip(),
					ProcessSource.Spec.MAX_GRACE_MILLIS / 1000));
		}
		if (directory.isBlank()) {
			throw new IllegalArgumentException("The working directory is empty.");
		}
		return new ProcessSource.Spec(command, Path.of(directory.strip()), variables, Math.round(grace * 1000));
	}

	/** The remembered commands, newest first. */
	public static List<RecentCommand> load(IEclipsePreferences node) {
		List<RecentCommand> recent = new ArrayList<>();
		String stored = node.get(KEY, "");
		for (String entry : stored.isEmpty() ? new String[0] : stored.split(ENTRY_SEPARATOR)) {
			String[] f = entry.split(FIELD_SEPARATOR, -1);
			if (f.length == 4) {
				recent.add(new RecentCommand(f[0], f[1], f[2], f[3]));
			}
		}
		return recent;
	}

	/** Puts {@code used} first (once) and keeps the newest {@link #KEPT}. */
	public static void remember(IEclipsePreferences node, RecentCommand used) throws BackingStoreException {
		List<RecentCommand> recent = new ArrayList<>(load(node));
		recent.removeIf(r -> r.commandLine().equals(used.commandLine()));
		recent.add(0, used);
		StringBuilder text = new StringBuilder();
		for (RecentCommand r : recent.subList(0, Math.min(KEPT, recent.size()))) {
			if (!text.isEmpty()) {
				text.append(ENTRY_SEPARATOR);
			}
			text.append(String.join(FIELD_SEPARATOR, r.commandLine(), r.directory(), r.environment(), r.graceSeconds()));
		}
		node.put(KEY, text.toString());
		node.flush();
	}
}
