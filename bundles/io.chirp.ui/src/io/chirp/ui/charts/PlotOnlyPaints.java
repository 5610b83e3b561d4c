package io.chirp.ui.charts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swtchart.Chart;

/**
 * GTK paints a control's parent under it: every repaint of a chart's plot area (each frame) also ran the chart's own
 * paint listeners, titles, tick labels and legend, clipped to the plot area, which then painted its opaque
 * background over all of it (about a quarter of a metric grid's paint, by profile). A display filter drops the
 * chart's paint events that lie wholly inside its visible plot area; paints that reach outside it are untouched.
 */
public final class PlotOnlyPaints {

	private PlotOnlyPaints() {
	}

	/** From now until {@code chart} is disposed. UI thread. */
	public static void install(Chart chart) {
		Control plot = chart.getPlotArea().getControl();
		Display display = chart.getDisplay();
		Listener filter = e -> {
			if (e.widget == chart && plot.isVisible() && plot.getBounds().contains(e.x, e.y)) {
				Rectangle bounds = plot.getBounds();
				if (e.x + e.width <= bounds.x + bounds.width && e.y + e.height <= bounds.y + bounds.height) {
					e.type = SWT.None; // vetoed: no listener of the chart runs for it
				}
			}
		};
		display.addFilter(SWT.Paint, filter);
		chart.addListener(SWT.Dispose, e -> display.removeFilter(SWT.Paint, filter));
	}
}
