package io.chirp.ui.parts;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.LineStyle;

/** How Chirp's charts look where that costs paint time: the chart part and the benchmarks share it. */
public final class ChartStyle {

	private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

	private ChartStyle() {
	}

	/**
	 * Solid light grid lines: SWTChart's default dotted grid is stroked as dashes, which cairo draws in software
	 * at several times the cost of a solid line (the largest single item of a streaming frame's paint, by JFR).
	 */
	public static void applyTo(Chart chart) {
		for (IAxis axis : chart.getAxisSet().getAxes()) {
			axis.getGrid().setStyle(LineStyle.SOLID);
			axis.getGrid().setForeground(GRID);
		}
	}
}
