package io.chirp.source.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The live members of a process group, read from {@code /proc} (Linux). Java can signal a process but not a group;
 * a process whose parent has exited is no longer anybody's descendant, and only its group still names it.
 */
final class ProcessGroup {

	private ProcessGroup() {
	}

	/** The processes whose group is {@code group}; empty where there is no {@code /proc}. */
	static List<ProcessHandle> members(long group) {
		List<ProcessHandle> members = new ArrayList<>();
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc)) {
			return members;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
			for (Path entry : entries) {
				if (groupOf(entry) == group) {
					ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(members::add);
				}
			}
		} catch (IOException | RuntimeException e) {
			// /proc changes while it is read; what could be read is returned
		}
		return members;
	}

	/** Field 5 of {@code /proc/PID/stat}, after the command name in parentheses (which may hold anything). */
	private static long groupOf(Path process) {
		try {
			String stat = Files.readString(process.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[2]);
		} catch (IOException | RuntimeException e) {
			return -1; // ended meanwhile
		}
	}
}
