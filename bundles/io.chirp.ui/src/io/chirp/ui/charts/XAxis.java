package io.chirp.ui.charts;

import java.text.FieldPosition;
import java.text.Format;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What the metric charts' x axis counts. */
public enum XAxis {
	/** The step, epoch or iteration the lines named (or the seconds, for lines that named none). */
	STEP("Step"),
	/** Seconds since the run started, when each point was produced. */
	RUN_TIME("Time since start"),
	/** The time of day each point was produced. */
	WALL_CLOCK("Wall clock");

	private final String label;

	XAxis(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** Tick labels of the wall-clock axis: its values are seconds since 1970, shown as the local time of day. */
	static final Format TIME_OF_DAY = new Format() {
		private static final long serialVersionUID = 1L;
		private final transient DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss")
				.withZone(ZoneId.systemDefault());

		@Override
		public StringBuffer format(Object value, StringBuffer to, FieldPosition position) {
			double seconds = ((Number) value).doubleValue();
			return to.append(hms.format(Instant.ofEpochMilli(Math.round(seconds * 1000))));
		}

		/** SWTChart parses its labels back to compare them: the seconds of the day do for that. */
		@Override
		public Object parseObject(String source, ParsePosition position) {
			try {
				java.time.LocalTime time = java.time.LocalTime.parse(source.substring(position.getIndex()).strip());
				position.setIndex(source.length());
				return (double) time.toSecondOfDay();
			} catch (java.time.format.DateTimeParseException e) {
				position.setErrorIndex(position.getIndex());
				return null;
			}
		}
	};

	/** Tick labels of the other axes: plain numbers, as SWTChart writes them by default. */
	static final Format NUMBER = new java.text.DecimalFormat("#.###########");
}
