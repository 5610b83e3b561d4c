package io.chirp.ui.parts;

import java.util.Arrays;

import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;

import io.chirp.ui.charts.LinePainter;

/**
 * One line drawn over a SWTChart plot area by {@link LinePainter}. SWTChart strokes a solid line segment by segment
 * (one cairo stroke per segment), which took 30-40 ms per paint for the ~2,000 points of a decimated frame while
 * streaming. The chart still draws axes, grid and title.
 * UI thread only.
 */
public final class PolylineLayer implements ICustomPaintListener {

	private final Chart chart;
	private final Color color;
	private int lineWidth;
	private double[] xs = new double[0];
	private double[] ys = new double[0];
	private int points;
	private int[] pixels = new int[0];

	public PolylineLayer(Chart chart, Color color, int lineWidth) {
		this.chart = chart;
		this.color = color;
		this.lineWidth = lineWidth;
		chart.getPlotArea().addCustomPaintListener(this);
	}

	/** Shows the first {@code count} points of {@code x} and {@code y} (data coordinates) from the next paint on. */
	public void setData(double[] x, double[] y, int count) {
		if (count > x.length || count > y.length) {
			throw new IllegalArgumentException("count = " + count + " exceeds the arrays (" + x.length + ", " + y.length + ")");
		}
		xs = Arrays.copyOf(x, count);
		ys = Arrays.copyOf(y, count);
		points = count;
	}

	/** The line width, in pixels. */
	public int lineWidth() {
		return lineWidth;
	}

	/** A new line width, from the next paint on. */
	public void setLineWidth(int width) {
		lineWidth = width;
	}

	/** Points shown now. */
	public int points() {
		return points;
	}

	@Override
	public void paintControl(PaintEvent e) {
		if (points == 0) {
			return;
		}
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		if (pixels.length != 2 * points) {
			pixels = new int[2 * points];
		}
		for (int i = 0; i < points; i++) {
			pixels[2 * i] = x.getPixelCoordinate(xs[i]);
			pixels[2 * i + 1] = y.getPixelCoordinate(ys[i]);
		}
		LinePainter.draw(e.gc, pixels, points, color, lineWidth);
	}

	@Override
	public boolean drawBehindSeries() {
		return false;
	}
}
