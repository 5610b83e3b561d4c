package io.chirp.source.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into program and arguments as a POSIX shell would for plain words: whitespace separates,
 * single quotes keep everything literally, double quotes keep spaces (backslash escapes {@code "} and {@code \}),
 * a backslash outside quotes escapes the next character. No variables, globs or pipes: the program runs directly,
 * so a missing program is reported as such.
 */
public final class CommandLine {

	private CommandLine() {
	}

	/** @throws IllegalArgumentException for an empty command or an unclosed quote */
	public static List<String> split(String commandLine) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		char quote = 0;
		for (int i = 0; i < commandLine.length(); i++) {
			char c = commandLine.charAt(i);
			if (quote == '\'') {
				if (c == '\'') {
					quote = 0;
				} else {
					word.append(c);
				}
			} else if (quote == '"') {
				if (c == '"') {
					quote = 0;
				} else if (c == '\\' && i + 1 < commandLine.length()
						&& (commandLine.charAt(i + 1) == '"' || commandLine.charAt(i + 1) == '\\')) {
					word.append(commandLine.charAt(++i));
				} else {
					word.append(c);
				}
			} else if (c == '\'' || c == '"') {
				quote = c;
				inWord = true;
			} else if (c == '\\' && i + 1 < commandLine.length()) {
				word.append(commandLine.charAt(++i));
				inWord = true;
			} else if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
			} else {
				word.append(c);
				inWord = true;
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException("The command line has an unclosed " + (quote == '"' ? "double" : "single")
					+ " quote: " + commandLine);
		}
		if (inWord) {
			words.add(word.toString());
		}
		if (words.isEmpty()) {
			throw new IllegalArgumentException("The command line is empty: name a program to run.");
		}
		return words;
	}
}
