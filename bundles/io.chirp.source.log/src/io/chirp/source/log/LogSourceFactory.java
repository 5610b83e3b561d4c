package io.chirp.source.log;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter.Kind;
import io.chirp.core.source.SourceParameter;

/** A finished log read as a run, offered as a Declarative Services component (OSGI-INF/log-source.xml). */
public final class LogSourceFactory implements DataSourceFactory {

	public static final String ID = "io.chirp.source.log";
	public static final String FILE = "file";

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String label() {
		return "Log file";
	}

	@Override
	public String actionLabel() {
		return "Open &Log...";
	}

	@Override
	public String description() {
		return "A finished log (yesterday's training output) read exactly as a running program's output: metrics on the"
				+ " chart, the text in the Output console as a terminal showed it.";
	}

	@Override
	public String iconURI() {
		return "platform:/plugin/io.chirp.source.log/icons/log.png";
	}

	@Override
	public int rank() {
		return 20;
	}

	@Override
	public int recentKept() {
		return 10;
	}

	@Override
	public List<SourceParameter> parameters() {
		return List.of(new SourceParameter(FILE, "Log file", Kind.FILE, "", "A text log: .log, .txt, .out or any other"));
	}

	@Override
	public DataSource create(Map<String, String> values) {
		String typed = values.getOrDefault(FILE, "").strip();
		if (typed.isEmpty()) {
			throw new IllegalArgumentException("Log file: name the file to open.");
		}
		Path file;
		try {
			file = Path.of(typed);
		} catch (InvalidPathException e) {
			throw new IllegalArgumentException("Log file: '" + typed + "' is not a file name: " + e.getReason() + ".");
		}
		if (Files.isDirectory(file)) {
			throw new IllegalArgumentException("Log file: " + file + " is a folder.");
		}
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("Log file: " + file + " does not exist.");
		}
		// a file that exists but cannot be read (permissions) fails the run with the reason, like one removed meanwhile
		return new LogFileSource(file);
	}
}
