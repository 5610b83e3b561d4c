package io.chirp.ui.charts;

import java.util.Arrays;

/** The y range a chart shows for the values it draws. */
public final class YRange {

	/** How the range follows the values. */
	public enum Mode {
		/** From the smallest to the largest value. */
		AUTO("Auto"),
		/** From zero (or the smallest value, when below zero) to the largest. */
		FROM_ZERO("From zero"),
		/** From the 1st to the 99th percentile: a spike at the start (a first loss of 1e4) does not flatten the rest. */
		IGNORE_OUTLIERS("Ignore outliers (1st-99th percentile)");

		private final String label;

		Mode(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}
	}

	private YRange() {
	}

	/**
	 * @param values the values drawn (finite ones count; on a log axis only those above zero)
	 * @return {lower, upper}, never empty: a single value or equal values get a margin around them
	 */
	public static double[] of(double[] values, int count, Mode mode, boolean log) {
		double[] kept = new double[count];
		int n = 0;
		for (int i = 0; i < count; i++) {
			double v = values[i];
			if (Double.isFinite(v) && (!log || v > 0)) {
				kept[n++] = v;
			}
		}
		if (n == 0) {
			return log ? new double[] { 0.1, 10 } : new double[] { -1, 1 };
		}
		double lo;
		double hi;
		if (mode == Mode.IGNORE_OUTLIERS && n >= 20) {
			Arrays.sort(kept, 0, n);
			// inner ranks: with 100 values the largest and the smallest are left out
			lo = kept[(int) Math.ceil(0.01 * (n - 1))];
			hi = kept[(int) Math.floor(0.99 * (n - 1))];
		} else {
			lo = Double.POSITIVE_INFINITY;
			hi = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				lo = Math.min(lo, kept[i]);
				hi = Math.max(hi, kept[i]);
			}
		}
		if (mode == Mode.FROM_ZERO && !log) {
			lo = Math.min(lo, 0);
			hi = Math.max(hi, 0);
		}
		if (log) {
			// a decade's margin would waste the chart: a tenth of the span in log space
			double span = Math.max(Math.log10(hi) - Math.log10(lo), 0.5);
			return new double[] { Math.pow(10, Math.log10(lo) - span * 0.05), Math.pow(10, Math.log10(hi) + span * 0.05) };
		}
		if (!(hi > lo)) {
			double margin = Math.max(Math.abs(lo) * 0.1, 1e-9);
			return new double[] { lo - margin, hi + margin };
		}
		double margin = (hi - lo) * 0.05;
		return new double[] { mode == Mode.FROM_ZERO && lo == 0 ? 0 : lo - margin, hi + margin };
	}
}
