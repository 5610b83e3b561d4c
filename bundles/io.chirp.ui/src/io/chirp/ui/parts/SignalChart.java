package io.chirp.ui.parts;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.Range;

import io.chirp.core.model.SeriesBuffer;
import io.chirp.ui.charts.PlotOnlyPaints;

/**
 * The live signal's chart: SWTChart's axes, grid and title with the signal drawn over its plot area as one line
 * ({@link PolylineLayer}), the min/max decimation of the run's series at the plot's pixel width.
 * <p>
 * A frame costs what changed: the plot area is repainted (the chart under it not, {@link PlotOnlyPaints}), the strip
 * of the x axis only when its range moved, the
 * y axis's only when its range changed (it keeps a range while the data fits it, see {@link #yRange}), the title
 * at most {@link #TITLE_INTERVAL_MILLIS} apart; SWTChart lays the chart out (measuring every tick label) only when
 * a range or the title changed. The y axis's name is drawn across the plot's corner: SWTChart draws a vertical
 * title through an image read back from the X server on every paint of the chart, even where none was needed.
 * <p>
 * Follow mode shows the last {@link #setWindowSeconds window} (or the whole history) and moves with the live edge;
 * the mouse wheel zooms and dragging pans the time axis, which leaves follow mode; double-click returns to it.
 * UI thread only.
 */
public final class SignalChart {

	/** Title changes (the frequency, the sampling rate) are read, not watched: a few a second are enough. */
	static final long TITLE_INTERVAL_MILLIS = 250;
	private static final double DEFAULT_WINDOW_SECONDS = 5;
	/**
	 * The longest a frame waits for the series: the receiver, preempted while it appends, can hold it for many
	 * milliseconds ({@link SeriesBuffer#readWithin}); the frame is put off to the next instead.
	 */
	static final long SERIES_WAIT_NANOS = 1_000_000;
	/** The y axis's name, drawn in the plot's top left corner (a run's signal is an amplitude). */
	private static final String Y_NAME = "Amplitude";

	private final Chart chart;
	private final Control plot;
	private final PolylineLayer line;
	private final Runnable frameRequest;
	private final Consumer<Boolean> followChanged;
	private boolean follow = true;
	private boolean wholeHistory;
	private double windowSeconds = DEFAULT_WINDOW_SECONDS;
	private String shownTitle;
	private String heldTitle;
	private long titleShownNanos;
	private int dragStartX = -1;
	private Range dragStartRange;
	private long layouts;
	/** The plot's width the line was last decimated for. */
	private int drawnWidth = -1;
	private long framesPutOff;

	/**
	 * @param frameRequest asks for another frame (a title held back is shown by it)
	 * @param followChanged told when the mouse leaves or resumes follow mode
	 */
	public SignalChart(Composite parent, Color colour, Runnable frameRequest, Consumer<Boolean> followChanged) {
		this.frameRequest = frameRequest;
		this.followChanged = followChanged;
		chart = new Chart(parent, SWT.NONE);
		chart.getTitle().setText("");
		chart.getAxisSet().getXAxis(0).getTitle().setText("Time [s]");
		chart.getAxisSet().getYAxis(0).getTitle().setVisible(false);
		chart.getLegend().setVisible(false);
		chart.enableCompress(false); // the decimation already gives ~2 points per pixel
		ChartStyle.install(chart);
		plot = chart.getPlotArea().getControl();
		PlotOnlyPaints.install(chart);
		line = new PolylineLayer(chart, colour, 1);
		chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
			@Override
			public void paintControl(org.eclipse.swt.events.PaintEvent e) {
				e.gc.setForeground(chart.getAxisSet().getYAxis(0).getTick().getForeground());
				e.gc.drawText(Y_NAME, 4, 2, true);
			}

			@Override
			public boolean drawBehindSeries() {
				return true;
			}
		});
		chart.getAxisSet().getXAxis(0).setRange(new Range(0, DEFAULT_WINDOW_SECONDS));
		chart.getAxisSet().getYAxis(0).setRange(new Range(-1.1, 1.1));
		installMouse();
	}

	private void installMouse() {
		plot.addListener(SWT.MouseVerticalWheel, this::zoom);
		plot.addListener(SWT.MouseDown, e -> {
			if (e.button == 1) {
				dragStartX = e.x;
				dragStartRange = chart.getAxisSet().getXAxis(0).getRange();
			}
		});
		plot.addListener(SWT.MouseMove, this::pan);
		plot.addListener(SWT.MouseUp, e -> dragStartX = -1);
		plot.addListener(SWT.MouseDoubleClick, e -> userFollows(true));
		plot.addListener(SWT.Resize, e -> {
			if (drawnWidth >= 0 && plot.getSize().x != drawnWidth) {
				frameRequest.run(); // the line was decimated for the old width; a stopped run sends no frame of its own
			}
		});
	}

	private void zoom(Event e) {
		IAxis x = chart.getAxisSet().getXAxis(0);
		Range r = x.getRange();
		double at = x.getDataCoordinate(e.x);
		double factor = e.count > 0 ? 0.8 : 1.25;
		x.setRange(new Range(at - (at - r.lower) * factor, at + (r.upper - at) * factor));
		chart.redraw(); // the frames after it repaint only what they change
		userFollows(false);
	}

	private void pan(Event e) {
		if (dragStartX < 0 || (e.stateMask & SWT.BUTTON1) == 0) {
			return;
		}
		int width = Math.max(1, plot.getSize().x);
		double shift = (dragStartX - e.x) * (dragStartRange.upper - dragStartRange.lower) / width;
		if (shift != 0) {
			chart.getAxisSet().getXAxis(0).setRange(new Range(dragStartRange.lower + shift, dragStartRange.upper + shift));
			chart.redraw();
			userFollows(false);
		}
	}

	private void userFollows(boolean on) {
		setFollow(on);
		followChanged.accept(on);
	}

	/** Follow the live edge (true) or keep the user's zoom and pan (false); the next frame shows it. */
	public void setFollow(boolean on) {
		follow = on;
		frameRequest.run();
	}

	public boolean follows() {
		return follow;
	}

	/** In follow mode, the whole history instead of the last window. */
	public void setWholeHistory(boolean on) {
		wholeHistory = on;
		frameRequest.run();
	}

	/** The seconds shown while following. */
	public void setWindowSeconds(double seconds) {
		windowSeconds = seconds;
	}

	public double windowSeconds() {
		return windowSeconds;
	}

	public void setLineWidth(int width) {
		line.setLineWidth(width);
		plot.redraw();
	}

	public int lineWidth() {
		return line.lineWidth();
	}

	/** A new run: the line starts empty, the axes keep their place until its data comes. */
	public void clear() {
		line.setData(new double[0], new double[0], 0);
		plot.redraw();
	}

	/**
	 * One frame: the series' newest state at the plot's resolution, under {@code title}. Lays the chart out only
	 * when a range or the title changed and repaints only the areas that changed.
	 */
	public void draw(SeriesBuffer series, String title) {
		Rectangle plotBefore = plot.getBounds();
		drawnWidth = plotBefore.width;
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		Range[] xShown = { x.getRange() };
		SeriesBuffer.Decimation[] decimated = new SeriesBuffer.Decimation[1];
		boolean read = series.readWithin(SERIES_WAIT_NANOS, () -> {
			double last = series.lastTime();
			if (!Double.isNaN(last)) {
				if (follow) {
					xShown[0] = followRange(series.firstTime(), last);
				}
				decimated[0] = series.decimate(xShown[0].lower, xShown[0].upper, Math.max(1, plotBefore.width));
			}
		});
		if (!read) {
			framesPutOff++;
			frameRequest.run(); // the receiver holds the series: the next frame shows what came
			return;
		}
		Range xRange = xShown[0];
		Range yRange = y.getRange();
		if (decimated[0] != null) {
			SeriesBuffer.Decimation d = decimated[0];
			line.setData(d.times(), d.values(), d.points());
			yRange = yRange(d.values(), d.points(), yRange);
		}
		boolean xChanged = !same(xRange, x.getRange());
		boolean yChanged = !same(yRange, y.getRange());
		String newTitle = titleToShow(title);
		boolean titleChanged = newTitle != null;
		if (xChanged || yChanged || titleChanged) {
			// each of these lays the whole chart out again (text extents of every tick label): once, for all
			chart.suspendUpdate(true);
			try {
				x.setRange(xRange);
				y.setRange(yRange);
				if (titleChanged) {
					chart.getTitle().setText(newTitle);
				}
			} finally {
				chart.suspendUpdate(false);
			}
			layouts++;
		}
		plot.redraw();
		Rectangle plotNow = plot.getBounds();
		Point size = chart.getSize();
		if (!plotNow.equals(plotBefore)) {
			chart.redraw(); // the plot moved (wider tick labels): everything around it too
			return;
		}
		if (titleChanged) {
			chart.redraw(0, 0, size.x, plotNow.y, false);
		}
		if (xChanged) {
			int below = plotNow.y + plotNow.height;
			chart.redraw(0, below, size.x, size.y - below, false);
		}
		if (yChanged) {
			chart.redraw(0, 0, plotNow.x, size.y, false);
		}
	}

	private Range followRange(double first, double last) {
		if (wholeHistory) {
			return new Range(first, Math.max(last, first + 1e-9));
		}
		if (last - first < windowSeconds) {
			return new Range(first, first + windowSeconds); // the curve grows from the left
		}
		return new Range(last - windowSeconds, last);
	}

	/**
	 * The title to set now, or null: a new text is shown at once when the last change was long enough ago, else
	 * held back and shown by a later frame (one is asked for, so the newest text is never left unshown).
	 */
	private String titleToShow(String title) {
		if (title.equals(shownTitle)) {
			heldTitle = null;
			return null;
		}
		long now = System.nanoTime();
		long waited = (now - titleShownNanos) / 1_000_000;
		if (shownTitle != null && waited < TITLE_INTERVAL_MILLIS) {
			if (heldTitle == null) {
				chart.getDisplay().timerExec((int) (TITLE_INTERVAL_MILLIS - waited) + 1, () -> {
					if (!chart.isDisposed()) {
						frameRequest.run();
					}
				});
			}
			heldTitle = title;
			return null;
		}
		heldTitle = null;
		shownTitle = title;
		titleShownNanos = now;
		return title;
	}

	/**
	 * The y range for values: the current one while they fit in it and fill at least half of it (a signal's
	 * extremes move a little every frame; following them would lay the chart out every frame), else the values'
	 * extent with a margin of a tenth.
	 */
	static Range yRange(double[] ys, int count, Range current) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < count; i++) {
			min = Math.min(min, ys[i]);
			max = Math.max(max, ys[i]);
		}
		if (count == 0 || !Double.isFinite(min) || !Double.isFinite(max)) {
			return current;
		}
		double span = current.upper - current.lower;
		if (!(max > min)) {
			// a flat line: one unit either side of it, or the current range while it holds the line that closely
			return min >= current.lower && max <= current.upper && span <= 2 ? current : new Range(min - 1, max + 1);
		}
		if (min >= current.lower && max <= current.upper && max - min >= span / 2) {
			return current;
		}
		double margin = (max - min) * 0.1;
		return new Range(min - margin, max + margin);
	}

	private static boolean same(Range a, Range b) {
		return a.lower == b.lower && a.upper == b.upper;
	}

	/** Points of the line drawn now. */
	public int points() {
		return line.points();
	}

	/** Times the chart was laid out by a frame, for tests. */
	public long layouts() {
		return layouts;
	}

	/** Frames put off because the series was held longer than {@link #SERIES_WAIT_NANOS}. */
	public long framesPutOff() {
		return framesPutOff;
	}

	/** The title shown now (a newer one may be held back for a moment). */
	public String title() {
		return chart.getTitle().getText();
	}

	public Chart chart() {
		return chart;
	}
}
