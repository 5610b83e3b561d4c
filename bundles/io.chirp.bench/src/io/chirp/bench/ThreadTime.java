package io.chirp.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the calling thread's wall time went: on a CPU, or runnable but waiting for one (Linux's scheduler
 * statistics, {@code /proc/thread-self/schedstat}); the rest of a span of wall time the thread was blocked (for a
 * UI thread in a paint: waiting for the X server). Read by the thread itself, before and after the span.
 */
final class ThreadTime {

	private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private ThreadTime() {
	}

	/** Nanoseconds the calling thread has run on a CPU. */
	static long cpuNanos() {
		return THREADS.getCurrentThreadCpuTime();
	}

	/** Nanoseconds the calling thread has waited, runnable, for a CPU; -1 where the kernel does not say. */
	static long runQueueNanos() {
		try {
			// "<ns on a CPU> <ns waiting on a run queue> <time slices>"
			return Long.parseLong(Files.readString(SCHEDSTAT).trim().split("\\s+")[1]);
		} catch (IOException | RuntimeException e) {
			return -1;
		}
	}
}
