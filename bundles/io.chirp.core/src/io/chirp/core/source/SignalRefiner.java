package io.chirp.core.source;

/**
 * What a source knows how to read from its own signal as the receiver stores it (the chirp: its frequency, from
 * the zero crossings). One per run, called on the receiver's thread with the batches in order, so it may keep
 * state from batch to batch.
 */
@FunctionalInterface
public interface SignalRefiner {

	/**
	 * @param times  the batch's sample times, in seconds
	 * @param values the batch's sample values
	 * @return what the signal shows at the batch's end, for the status line and the Receiver console
	 *         ({@code "12.345 Hz"}), or null while not known
	 */
	String refine(double[] times, double[] values);
}
