package io.chirp.source.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter.Kind;
import io.chirp.core.source.SourceParameter;

/** A program whose output Chirp watches, offered as a Declarative Services component (OSGI-INF/process-source.xml). */
public final class ProcessSourceFactory implements DataSourceFactory {

	public static final String ID = "io.chirp.source.process";
	public static final String COMMAND = "command";
	public static final String DIRECTORY = "directory";
	public static final String ENVIRONMENT = "environment";
	public static final String GRACE = "graceSeconds";
	/** Commands remembered to pick from again. */
	public static final int RECENT_KEPT = 10;

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String label() {
		return "Program";
	}

	@Override
	public String actionLabel() {
		return "Run &Command...";
	}

	@Override
	public String description() {
		return "Chirp runs the program, shows what it prints and plots the metrics in its lines (step=1 loss=0.5, tqdm"
				+ " bars, Keras, XGBoost, JSON lines).";
	}

	@Override
	public String iconURI() {
		return "platform:/plugin/io.chirp.source.process/icons/command.png";
	}

	@Override
	public int rank() {
		return 10;
	}

	@Override
	public int recentKept() {
		return RECENT_KEPT;
	}

	@Override
	public List<SourceParameter> parameters() {
		return List.of(
				new SourceParameter(COMMAND, "Command line", Kind.TEXT, "",
						"The program and its arguments, quoted as in a shell (no pipes or redirection)"),
				// the user's home, not wherever Chirp was started from (the product's folder, usually)
				new SourceParameter(DIRECTORY, "Working directory", Kind.FOLDER, System.getProperty("user.home"), ""),
				new SourceParameter(ENVIRONMENT, "Environment (NAME=value lines)", Kind.LINES, "",
						"Variables added to Chirp's own environment, one NAME=value per line"),
				new SourceParameter(GRACE, "Stop grace period [s]", Kind.NUMBER,
						seconds(ProcessSource.Spec.DEFAULT_GRACE_MILLIS),
						"How long Stop waits after the terminate signal before it kills what is left"));
	}

	private static String seconds(long millis) {
		return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	@Override
	public DataSource create(Map<String, String> values) {
		return new ProcessSource(spec(values));
	}

	/**
	 * What to run, checked: the reason is in the exception's message.
	 *
	 * @throws IllegalArgumentException naming the field and the problem
	 */
	public static ProcessSource.Spec spec(Map<String, String> values) {
		List<String> command = CommandLine.split(values.getOrDefault(COMMAND, ""));
		Map<String, String> variables = new LinkedHashMap<>();
		int lineNumber = 0;
		for (String line : values.getOrDefault(ENVIRONMENT, "").split("\\R")) {
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
		String graceText = values.getOrDefault(GRACE, seconds(ProcessSource.Spec.DEFAULT_GRACE_MILLIS)).strip();
		double grace;
		try {
			grace = Double.parseDouble(graceText);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("Grace period: '" + graceText + "' is not a number of seconds.");
		}
		if (!(grace >= 0 && grace <= ProcessSource.Spec.MAX_GRACE_MILLIS / 1000.0)) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, "Grace period: %s s is invalid: allowed range [0, %d] s.",
					graceText, ProcessSource.Spec.MAX_GRACE_MILLIS / 1000));
		}
		String directory = values.getOrDefault(DIRECTORY, System.getProperty("user.home"));
		if (directory.isBlank()) {
			throw new IllegalArgumentException("The working directory is empty.");
		}
		return new ProcessSource.Spec(command, Path.of(directory.strip()), variables, Math.round(grace * 1000));
	}
}
