package io.chirp.ui.charts;

/**
 * Exponential moving average as TensorBoard draws it: {@code s = w * s + (1 - w) * y}, divided by
 * {@code 1 - w^n} so the first points are not pulled towards zero. Applied to what a frame draws (the
 * decimation), never to the whole history.
 */
public final class Smoothing {

	/** The largest weight the slider offers: at 1 the line would never move. */
	public static final double MAX_WEIGHT = 0.99;

	private Smoothing() {
	}

	/**
	 * @param weight 0 (the raw values) to {@link #MAX_WEIGHT}
	 * @return the smoothed first {@code count} values; a value that is not finite is passed through and skipped
	 */
	public static double[] ema(double[] values, int count, double weight) {
		if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
			throw new IllegalArgumentException("weight = " + weight + " is invalid: allowed range [0, " + MAX_WEIGHT + "]");
		}
		double[] smoothed = new double[count];
		double last = 0;
		int seen = 0;
		for (int i = 0; i < count; i++) {
			double v = values[i];
			if (!Double.isFinite(v)) {
				smoothed[i] = v;
				continue;
			}
			last = last * weight + (1 - weight) * v;
			seen++;
			double debias = weight == 0 ? 1 : 1 - Math.pow(weight, seen);
			smoothed[i] = last / debias;
		}
		return smoothed;
	}
}
