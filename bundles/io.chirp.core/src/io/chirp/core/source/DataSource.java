package io.chirp.core.source;

import java.util.function.BooleanSupplier;

/**
 * Where a run's raw data comes from. The worker job calls {@link #next} in a loop; an implementation may wait for
 * its data (a timer, a process, a socket) but must look at {@code cancelled} at least every few milliseconds; a wait
 * in {@link java.util.concurrent.locks.LockSupport#parkNanos} ends at once when the run is stopped.
 * Other sources (an external process, a network feed) plug in by implementing this interface.
 */
public interface DataSource {

	/**
	 * Called once by the worker job before the first {@link #next}, on the worker's thread (threads started here
	 * inherit the run's output capture). The default does nothing.
	 *
	 * @param events where the source reports events and problems
	 * @throws Exception when the source cannot start; the run then ends with an error naming the reason
	 */
	default void open(SourceEvents events) throws Exception {
	}

	/**
	 * Called once by the worker job when it ends, whatever the reason (end of data, Stop, error): releases all the
	 * source started, within a bounded time. The default does nothing.
	 */
	default void close() {
	}

	/**
	 * What the source still holds once {@link #close()} has returned (metric points read from a program's last lines,
	 * after Stop ended it): called once, on the worker's thread, and handed to the receiver, so Stop loses nothing
	 * that was already shown. The default holds nothing.
	 *
	 * @return a batch with the given sequence number, or null
	 */
	default RawBatch remaining(long sequence) {
		return null;
	}

	/**
	 * Ends everything the source started at once, without grace (shutdown when {@link #close()} takes too long).
	 * Callable from any thread; the default does nothing.
	 */
	default void kill() {
	}

	/**
	 * Gives a batch back once the receiver has stored it: Chirp keeps no reference to its arrays afterwards, so the
	 * source may refill them for a later batch instead of allocating new ones (at tens of millions of samples per
	 * second, fresh arrays are most of the garbage the JVM collects). Called on the receiver's thread; the default
	 * does nothing.
	 */
	default void recycle(RawBatch batch) {
	}

	/**
	 * The progress bar the source's work draws now (a training loop's tqdm bar), or null when there is none: the
	 * worker then shows its progress as indeterminate. Called on the worker's thread; the default has none.
	 */
	default ProgressBar progress() {
		return null;
	}

	/**
	 * What this source reads from its signal as it is stored (the chirp: its frequency), or null when it reads
	 * nothing beyond the figures every batch gets (min, max, time). Called once per run, before the first batch.
	 */
	default SignalRefiner refiner() {
		return null;
	}

	/**
	 * True when the source makes its data itself and nothing outside Chirp waits on it (the built-in chirp): its
	 * run's worker and receiver then take only the CPU the UI thread, the X server and other runs leave. False (the
	 * default) for a source that must keep up with a producer outside, such as a program's pipe, which stalls the
	 * program once it is full, or a broker's messages.
	 */
	default boolean selfPaced() {
		return false;
	}

	/** The exit code of the program the source ran, once it has ended; null when there is none (the default). */
	default Integer exitCode() {
		return null;
	}

	/** Short name for progress and console messages. */
	String name();

	/** Nominal samples per second, for display; NaN when the source has no fixed rate. */
	double sampleRateHz();

	/**
	 * Produces the batch with the given sequence number (0, 1, 2, ... in order).
	 *
	 * @return the batch, or {@code null} when the source has ended or {@code cancelled} became true while waiting;
	 *         an empty batch (no samples, no metrics) says "nothing yet": it is not queued, and the same sequence
	 *         number is asked for again (a source that waits long returns one now and then, so the worker can show
	 *         its progress)
	 * @throws Exception when the source fails; the run then ends with an error
	 */
	RawBatch next(long sequence, BooleanSupplier cancelled) throws Exception;
}
