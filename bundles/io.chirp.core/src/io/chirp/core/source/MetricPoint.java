package io.chirp.core.source;

/**
 * One value of a named metric (a loss, an accuracy...) at a position on the x axis.
 *
 * @param name  the metric's name as the program printed it
 * @param axis  what x counts: the step key the line named ({@code step}, {@code epoch}...) or
 *              {@link #TIME_AXIS}
 * @param x     the step, epoch or iteration, or the seconds since the run started
 * @param value the metric's value
 */
public record MetricPoint(String name, String axis, double x, double value) {

	/** The axis of metrics from lines that name no step: seconds since the program started. */
	public static final String TIME_AXIS = "time [s]";

	/**
	 * A break in a metric's line rather than a value (x and value NaN): the data before and after it are not joined
	 * (a connection that was down, say). Not counted as a point.
	 */
	public static MetricPoint gap(String name, String axis) {
		return new MetricPoint(name, axis, Double.NaN, Double.NaN);
	}

	/** Whether this is a {@link #gap}. */
	public boolean isGap() {
		return Double.isNaN(x) && Double.isNaN(value);
	}
}
