package io.chirp.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code maxChars} characters: a longer line is returned in pieces of that size, so one
 * endless line can never exhaust memory. Line ends are \n, \r\n or \r.
 */
final class LineReader implements Closeable {

	private final Reader in;
	private final int maxChars;
	private final char[] buffer = new char[8192];
	private int position;
	private int limit;
	private boolean skipLf;

	LineReader(Reader in, int maxChars) {
		this.in = in;
		this.maxChars = maxChars;
	}

	/** The next line without its end, or null at the end of the stream. */
	String readLine() throws IOException {
		StringBuilder line = null;
		while (true) {
			if (position >= limit) {
				limit = in.read(buffer);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					return line == null ? null : line.toString();
				}
			}
			if (skipLf) {
				skipLf = false;
				if (buffer[position] == '\n') {
					position++;
					continue;
				}
			}
			if (line == null) {
				line = new StringBuilder();
			}
			while (position < limit) {
				char c = buffer[position++];
				if (c == '\n') {
					return line.toString();
				}
				if (c == '\r') {
					skipLf = true;
					return line.toString();
				}
				line.append(c);
				if (line.length() >= maxChars) {
					return line.toString();
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
