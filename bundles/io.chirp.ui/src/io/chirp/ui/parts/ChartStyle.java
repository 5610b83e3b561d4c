package io.chirp.ui.parts;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.LineStyle;

/** How Chirp's charts look where that costs paint time: the chart part and the benchmarks share it. */
public final class ChartStyle {

	private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

	/**
	 * The charts' colours for the workbench's theme: SWTChart does not read the platform's CSS, so the chart part
	 * sets them from the active theme (Light or Dark).
	 */
	public enum Scheme {
		LIGHT(new Color(0xf6, 0xf5, 0xf4), new Color(0x1f, 0x1f, 0x1f), new Color(0x00, 0x00, 0xc0), GRID),
		DARK(new Color(0x2f, 0x2f, 0x2f), new Color(0xdd, 0xdd, 0xdd), new Color(0x9c, 0xc4, 0xff), new Color(0x4a, 0x4a, 0x4a));

		public final Color background;
		public final Color text;
		public final Color title;
		public final Color grid;

		Scheme(Color background, Color text, Color title, Color grid) {
			this.background = background;
			this.text = text;
			this.title = title;
			this.grid = grid;
		}

		/** The scheme of a platform theme id: Dark for the dark themes, Light otherwise. */
		public static Scheme ofTheme(String themeId) {
			return themeId != null && themeId.toLowerCase(java.util.Locale.ROOT).contains("dark") ? DARK : LIGHT;
		}
	}

	private ChartStyle() {
	}

	/** Solid grid lines and the colours of {@code scheme} on every part of the chart. */
	public static void applyTo(Chart chart, Scheme scheme) {
		applyTo(chart);
		chart.setBackground(scheme.background);
		chart.getPlotArea().getControl().setBackground(scheme.background);
		chart.getTitle().setForeground(scheme.title);
		chart.getLegend().setBackground(scheme.background);
		chart.getLegend().setForeground(scheme.text);
		for (IAxis axis : chart.getAxisSet().getAxes()) {
			axis.getGrid().setForeground(scheme.grid);
			axis.getTick().setForeground(scheme.text);
			axis.getTitle().setForeground(scheme.title);
		}
		chart.redraw();
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
