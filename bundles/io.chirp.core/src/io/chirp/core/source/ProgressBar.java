package io.chirp.core.source;

import java.util.Locale;

/**
 * One state of a progress bar a program drew (tqdm, Keras): where it stands, how fast it goes and how long is left.
 *
 * @param description what the bar counts, as the program named it ({@code Epoch 2}), or empty
 * @param n           iterations done
 * @param total       iterations in all, or NaN when the bar does not know
 * @param rate        speed as the bar printed it ({@code 21.9 it/s}, {@code 20ms/step}), or empty
 * @param eta         time left as the bar printed it ({@code 0:02}, {@code 1s}), or empty
 */
public record ProgressBar(String description, double n, double total, String rate, String eta) {

	/** Done so far, from 0 to 1; NaN when the total is not known. */
	public double fraction() {
		return total > 0 ? Math.min(1, Math.max(0, n / total)) : Double.NaN;
	}

	/** True when the bar has reached its total. */
	public boolean complete() {
		return total > 0 && n >= total;
	}

	/** For the Progress view and the status line: {@code Epoch 2: 26/57, 21.9 it/s, ETA 0:02}. */
	public String describe() {
		StringBuilder text = new StringBuilder();
		if (!description.isEmpty()) {
			text.append(description).append(": ");
		}
		text.append(count(n));
		if (!Double.isNaN(total)) {
			text.append('/').append(count(total));
		}
		if (!rate.isEmpty()) {
			text.append(", ").append(rate);
		}
		if (!eta.isEmpty()) {
			text.append(", ETA ").append(eta);
		}
		return text.toString();
	}

	private static String count(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
	}
}
