package io.chirp.source.chirp;

import java.util.Locale;

import io.chirp.core.source.SignalRefiner;

/**
 * The chirp's instantaneous frequency: the inverse of the time between the last two rising zero crossings, each
 * placed by linear interpolation between the two samples around it. Unknown (null) until two crossings were seen.
 */
final class ZeroCrossingFrequency implements SignalRefiner {

	private double previousTime = Double.NaN;
	private double previousValue = Double.NaN;
	private double lastRisingCrossing = Double.NaN;
	private double frequencyHz = Double.NaN;

	@Override
	public String refine(double[] times, double[] values) {
		for (int i = 0; i < values.length; i++) {
			double v = values[i];
			if (previousValue < 0 && v >= 0) {
				double crossing = previousTime + (times[i] - previousTime) * (-previousValue / (v - previousValue));
				if (!Double.isNaN(lastRisingCrossing) && crossing > lastRisingCrossing) {
					frequencyHz = 1.0 / (crossing - lastRisingCrossing);
				}
				lastRisingCrossing = crossing;
			}
			previousTime = times[i];
			previousValue = v;
		}
		return Double.isNaN(frequencyHz) ? null : String.format(Locale.ROOT, "%.3f Hz", frequencyHz);
	}

	/** The last frequency found, NaN while unknown. */
	double frequencyHz() {
		return frequencyHz;
	}
}
