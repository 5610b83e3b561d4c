package io.chirp.core;

/**
 * A batch after the receiver refined it.
 *
 * @param raw           the batch as produced
 * @param frequencyHz   instantaneous frequency at the batch's end (from the last two rising zero crossings), or NaN
 *                      while not yet known
 * @param min           smallest value of the batch
 * @param max           largest value of the batch
 * @param receivedNanos {@link System#nanoTime()} when the receiver took it
 */
public record RefinedBatch(RawBatch raw, double frequencyHz, double min, double max, long receivedNanos) {

	/** Signal time of the batch's last sample, in seconds (NaN for an empty batch). */
	public double elapsedSeconds() {
		return raw.size() == 0 ? Double.NaN : raw.times()[raw.size() - 1];
	}
}
