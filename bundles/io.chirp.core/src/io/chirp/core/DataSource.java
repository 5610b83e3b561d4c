package io.chirp.core;

import java.util.function.BooleanSupplier;

/**
 * Where a run's raw data comes from. The worker job calls {@link #next} in a loop; an implementation may wait for
 * its data (a timer, a process, a socket) but must look at {@code cancelled} at least every few milliseconds.
 * Other sources (an external process, a network feed) plug in by implementing this interface.
 */
public interface DataSource {

	/** Short name for progress and console messages. */
	String name();

	/** Nominal samples per second, for display; NaN when the source has no fixed rate. */
	double sampleRateHz();

	/**
	 * Produces the batch with the given sequence number (0, 1, 2, ... in order).
	 *
	 * @return the batch, or {@code null} when the source has ended or {@code cancelled} became true while waiting
	 * @throws Exception when the source fails; the run then ends with an error
	 */
	RawBatch next(long sequence, BooleanSupplier cancelled) throws Exception;
}
