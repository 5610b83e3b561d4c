package io.chirp.ui.parts;

import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
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

	/** The colours of {@code scheme} on every part of a chart made with {@link #install}. */
	public static void applyTo(Chart chart, Scheme scheme) {
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
	 * Light solid grid lines, drawn as one-pixel rectangles behind the series. SWTChart strokes its grid lines
	 * from half-pixel ends, which cairo sends to the X server as antialiased trapezoids: a rasterised mask for each
	 * of a chart's ~30 lines, every frame (a third of the X server's work on a streaming frame, by perf); a
	 * rectangle on whole pixels is a plain fill. (SWTChart's default dotted grid was dearer still: dashes.)
	 * Once per chart, when it is made.
	 */
	public static void install(Chart chart) {
		for (IAxis axis : chart.getAxisSet().getAxes()) {
			axis.getGrid().setStyle(LineStyle.NONE); // the colour stays there, for the painter below
			axis.getGrid().setForeground(GRID);
		}
		chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
			@Override
			public void paintControl(PaintEvent e) {
				paintGrid(chart, e.gc);
			}

			@Override
			public boolean drawBehindSeries() {
				return true;
			}
		});
	}

	/** A line across the plot at each tick of each axis whose grid is shown, in the axis's grid colour. */
	static void paintGrid(Chart chart, GC gc) {
		Point size = chart.getPlotArea().getSize();
		for (IAxis axis : chart.getAxisSet().getAxes()) {
			if (!axis.getGrid().isVisible()) {
				continue;
			}
			gc.setBackground(axis.getGrid().getForeground());
			boolean vertical = axis.getDirection() == IAxis.Direction.X;
			for (double value : axis.getTick().getTickLabelValues()) {
				int at = axis.getPixelCoordinate(value);
				if (vertical) {
					gc.fillRectangle(at, 0, 1, size.y);
				} else {
					gc.fillRectangle(0, at, size.x, 1);
				}
			}
		}
	}
}
