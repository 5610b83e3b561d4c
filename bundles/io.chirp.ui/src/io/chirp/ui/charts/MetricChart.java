package io.chirp.ui.charts;

import java.text.Format;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IAxisTick;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

import io.chirp.core.model.SeriesBuffer;
import io.chirp.ui.parts.ChartStyle;

/**
 * One chart of the metric grid: the metrics of one group, each drawn as a faint raw line with its smoothed line
 * over it (the raw line alone when smoothing is off). Its own y axis (linear or log, auto / from zero / without
 * outliers), its own zoom (Ctrl+wheel and drag on x; double-click or Reset Zoom follows all again), a crosshair with
 * every visible metric's value at the mouse, a legend whose entries hide and show their metric. UI thread only.
 */
public final class MetricChart {

	/** What the grid hands a chart per frame for one metric. */
	public record Metric(String name, Color colour, List<SeriesBuffer> segments, double xOffset) {
	}

	/** What the chart drew for one segment of a metric, kept for the crosshair. */
	private record Drawn(String metric, double[] xs, double[] raw, double[] smoothed) {
	}

	/** One line to paint. */
	private record Painted(String metric, Color colour, int width, double[] xs, double[] ys) {
	}

	/** Calls back into the grid. */
	interface Host {
		void toggleHidden(String metric);

		void toggleEnlarged(MetricChart chart);

		void exportCsv();

		/** Something this chart shows changed outside a frame (log scale, range, zoom): a frame, please. */
		void redrawRequested();
	}

	private static final int MAX_NAME_CHARS = 60;
	/** SWTChart's own spacing of ticks, in pixels, kept where the plot is tall enough. */
	private static final int DEFAULT_Y_TICK_SPACING = 64;

	private final String group;
	private final Chart chart;
	private final Host host;
	/**
	 * One empty SWTChart series per metric, for its legend entry only: SWTChart strokes a line segment by segment
	 * (one cairo stroke each), so the lines themselves are painted as one polyline each ({@link #paintLines}).
	 */
	private final Map<String, ILineSeries<?>> legendEntries = new java.util.LinkedHashMap<>();
	private final List<Drawn> drawn = new ArrayList<>();
	/** The lines of the last frame, in paint order (faint raw lines first). */
	private final List<Painted> painted = new ArrayList<>();
	/** Each metric's first segment as last drawn: x, raw, smoothed (for tests). */
	private final Map<String, double[][]> firstSegments = new HashMap<>();
	/** The faint colour of each line colour, made once rather than every frame. */
	private final Map<Color, Color> faintColours = new HashMap<>();
	/** Each series' decimation as the last frame left it (series no longer drawn are let go). */
	private Map<SeriesBuffer, SeriesBuffer.LiveDecimation> liveDecimations = new java.util.IdentityHashMap<>();
	private boolean log;
	private YRange.Mode rangeMode = YRange.Mode.AUTO;
	private Range zoom;
	private int mouseX = -1;
	private int leftOut;
	private int dragStartX = -1;
	private Range dragStartRange;
	private boolean smoothedShown;
	private Range pendingX = new Range(0, 1);
	/** What the last frame drew: the points of each metric, and everything else it depends on. */
	private List<Object> lastData = List.of();
	private List<Object> lastSettings;
	/** Whether the chart has had ranges of its data (its first ranges are never put off). */
	private boolean laidOut;
	/** The plot's width the lines were last decimated for. */
	private int drawnWidth = -1;
	private long frames;
	private Range pendingY = new Range(0, 1);
	private Set<String> hiddenShown = Set.of();
	private String summary = "";

	/** The colours of the workbench's theme. */
	void setScheme(io.chirp.ui.parts.ChartStyle.Scheme scheme) {
		ChartStyle.applyTo(chart, scheme);
	}

	MetricChart(Composite parent, String group, Host host) {
		this.group = group;
		this.host = host;
		chart = new Chart(parent, SWT.NONE);
		PlotOnlyPaints.install(chart);
		ChartStyle.install(chart);
		chart.enableCompress(false); // the decimation already gives ~2 points per pixel
		chart.getTitle().setText(shortened(group));
		chart.getAxisSet().getYAxis(0).getTitle().setVisible(false);
		chart.getLegend().setPosition(SWT.BOTTOM);
		chart.setData("io.chirp.metricchart", group);
		Control plot = chart.getPlotArea().getControl();
		plot.addListener(SWT.MouseMove, this::mouseMoved);
		plot.addListener(SWT.MouseExit, e -> {
			mouseX = -1;
			plot.setToolTipText(summary);
			plot.redraw();
		});
		// after the layout that resized it, not inside it: the hint lays the chart out again
		plot.addListener(SWT.Resize, e -> {
			plot.getDisplay().asyncExec(this::fitYTicks);
			if (drawnWidth >= 0 && plot.getSize().x != drawnWidth) {
				// the lines were decimated for the old width: a run that has ended sends no point to ask for a frame
				host.redrawRequested();
			}
		});
		plot.addListener(SWT.MouseVerticalWheel, this::zoom);
		plot.addListener(SWT.MouseDown, e -> {
			if (e.button == 1) {
				dragStartX = e.x;
				dragStartRange = chart.getAxisSet().getXAxis(0).getRange();
			}
		});
		plot.addListener(SWT.MouseUp, e -> dragStartX = -1);
		plot.addListener(SWT.MouseDoubleClick, e -> resetZoom());
		chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
			@Override
			public void paintControl(PaintEvent e) {
				paintLines(e.gc);
				paintCrosshair(e.gc);
			}

			@Override
			public boolean drawBehindSeries() {
				return false;
			}
		});
		// the title is drawn on the chart itself, above the plot: a double-click there enlarges the chart
		chart.addListener(SWT.MouseDoubleClick, e -> {
			if (e.y < chart.getPlotArea().getControl().getBounds().y) {
				host.toggleEnlarged(this);
			}
		});
		if (chart.getLegend() instanceof Control legend) {
			legend.addListener(SWT.MouseDown, this::legendClicked);
			legend.setToolTipText("Click a metric to hide or show it");
		}
		installMenu(plot);
	}

	private void installMenu(Control plot) {
		Menu menu = new Menu(plot);
		MenuItem logItem = new MenuItem(menu, SWT.CHECK);
		logItem.setText("Log Scale");
		logItem.addListener(SWT.Selection, e -> setLog(logItem.getSelection()));
		MenuItem rangeItem = new MenuItem(menu, SWT.CASCADE);
		rangeItem.setText("Y Range");
		Menu rangeMenu = new Menu(rangeItem);
		rangeItem.setMenu(rangeMenu);
		for (YRange.Mode mode : YRange.Mode.values()) {
			MenuItem item = new MenuItem(rangeMenu, SWT.RADIO);
			item.setText(mode.label());
			item.setSelection(mode == rangeMode);
			item.addListener(SWT.Selection, e -> {
				if (item.getSelection()) {
					setRangeMode(mode);
				}
			});
		}
		MenuItem reset = new MenuItem(menu, SWT.PUSH);
		reset.setText("Reset Zoom");
		reset.addListener(SWT.Selection, e -> resetZoom());
		MenuItem enlarge = new MenuItem(menu, SWT.PUSH);
		enlarge.setText("Enlarge / Restore (double-click the title)");
		enlarge.addListener(SWT.Selection, e -> host.toggleEnlarged(this));
		new MenuItem(menu, SWT.SEPARATOR);
		MenuItem png = new MenuItem(menu, SWT.PUSH);
		png.setText("Export This Chart as PNG...");
		png.addListener(SWT.Selection, e -> ChartFiles.choose(chart.getShell(), "chirp-" + safe(group) + ".png", "*.png")
				.ifPresent(this::exportPng));
		MenuItem csv = new MenuItem(menu, SWT.PUSH);
		csv.setText("Export Data as CSV...");
		csv.addListener(SWT.Selection, e -> host.exportCsv());
		menu.addListener(SWT.Show, e -> logItem.setSelection(log));
		plot.setMenu(menu);
	}

	private static String safe(String name) {
		return name.replaceAll("[^\\w.-]+", "_");
	}

	private static String shortened(String name) {
		return name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS - 1) + "\u2026";
	}

	/**
	 * What a frame of a chart did: nothing, its plot area, the whole chart, its plot area with new ranges put off,
	 * or nothing though new points came (put off to a later frame).
	 */
	enum Frame {
		SKIPPED, PLOT, LAID_OUT, LAYOUT_PUT_OFF, PUT_OFF
	}

	/**
	 * Draws the metrics' data in this chart's x range; {@code weight} is the smoothing, {@code hidden} by name. A
	 * frame whose ranges stay as they were repaints the plot area alone: a new range lays the whole chart out again
	 * (the text extent of every tick label) and repaints its axes, so ranges follow the data with some headroom
	 * and change only when the data comes near their edge. The charts of a grid reach their edges together (the
	 * same steps); with {@code mayLayOut} false a chart that has been laid out before keeps its ranges for this
	 * frame and takes the new ones at a later frame (its x range keeps its right edge ahead of the data, so no point
	 * is left out meanwhile; a value beyond the y range shows a frame or two later). With {@code mayDraw} false a
	 * chart that only got new points is left as it is for a later frame; one whose settings, size or zoom changed
	 * (or that was never drawn) is drawn now all the same.
	 */
	Frame update(List<Metric> metrics, String xTitle, Format xFormat, double weight, Set<String> hidden,
			boolean mayLayOut, boolean mayDraw) {
		List<Object> data = data(metrics);
		List<Object> settings = settings(metrics, xTitle, weight, hidden);
		boolean settingsChanged = !settings.equals(lastSettings);
		if (!settingsChanged && data.equals(lastData)) {
			return Frame.SKIPPED; // nothing it shows has changed (a validation metric between epochs, a learning rate)
		}
		if (!settingsChanged && !mayDraw) {
			return Frame.PUT_OFF;
		}
		lastData = data;
		lastSettings = settings;
		frames++;
		draw(metrics, xTitle, xFormat, weight, hidden);
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		boolean logChange = log != y.isLogScaleEnabled();
		Range shownX = x.getRange();
		boolean xChange = shownX.lower != pendingX.lower || shownX.upper != pendingX.upper;
		boolean yChange = logChange || !keeps(y.getRange(), pendingY);
		if ((xChange || yChange) && !mayLayOut && laidOut && !logChange && zoom == null) {
			lastData = null; // the next frame draws it again, then with its new ranges
			chart.getPlotArea().getControl().redraw();
			return Frame.LAYOUT_PUT_OFF;
		}
		Frame frame = Frame.PLOT;
		if (xChange || yChange) {
			laidOut = true;
			frame = Frame.LAID_OUT;
			chart.suspendUpdate(true);
			try {
				if (xChange) {
					x.setRange(pendingX);
				}
				if (logChange) {
					y.enableLogScale(log); // the SWTChart series are empty (legend entries): nothing it could refuse
				}
				if (yChange) {
					y.setRange(withHeadroom(pendingY));
				}
			} finally {
				chart.suspendUpdate(false);
			}
			chart.redraw(); // the axes' tick labels are painted by the chart itself, not by its plot area
		} else {
			chart.getPlotArea().getControl().redraw();
		}
		if (!hidden.equals(hiddenShown) && chart.getLegend() instanceof Control legend) {
			hiddenShown = Set.copyOf(hidden);
			legend.redraw(); // a hidden metric's entry turns grey
		}
		return frame;
	}

	/** How many points each metric of this chart has had appended (what streaming changes). */
	private static List<Object> data(List<Metric> metrics) {
		List<Object> data = new ArrayList<>();
		for (Metric metric : metrics) {
			for (SeriesBuffer segment : metric.segments()) {
				data.add(segment.appendedCount());
			}
		}
		return data;
	}

	/** Everything else a frame of this chart depends on: its metrics, the settings, its size and zoom. */
	private List<Object> settings(List<Metric> metrics, String xTitle, double weight, Set<String> hidden) {
		List<Object> state = new ArrayList<>();
		for (Metric metric : metrics) {
			state.add(metric.name());
			state.add(hidden.contains(metric.name()));
			state.add(metric.xOffset());
			state.add(metric.segments().size());
		}
		state.add(xTitle);
		state.add(weight);
		state.add(log);
		state.add(rangeMode);
		state.add(zoom == null ? null : List.of(zoom.lower, zoom.upper));
		state.add(chart.getPlotArea().getControl().getSize());
		return state;
	}

	/** Frames drawn: a frame in which nothing the chart shows changed is skipped (for tests and benchmarks). */
	public long frames() {
		return frames;
	}

	/** Whether the y range shown can stay: it holds the wanted one and is not much larger. */
	private boolean keeps(Range shown, Range wanted) {
		if (shown.lower > wanted.lower || shown.upper < wanted.upper) {
			return false;
		}
		if (rangeMode == YRange.Mode.FROM_ZERO && wanted.lower == 0 && shown.lower != 0) {
			return false;
		}
		return log ? Math.log10(shown.upper / shown.lower) <= 1.5 * Math.log10(wanted.upper / wanted.lower) + 0.1
				: shown.upper - shown.lower <= 1.5 * (wanted.upper - wanted.lower);
	}

	/** {@code wanted} with a fifth of its span more room, so the next frames' values fit without a new layout. */
	private Range withHeadroom(Range wanted) {
		if (log) {
			double decades = Math.log10(wanted.upper / wanted.lower) * 0.1;
			return new Range(wanted.lower / Math.pow(10, decades), wanted.upper * Math.pow(10, decades));
		}
		double room = (wanted.upper - wanted.lower) * 0.1;
		boolean fromZero = rangeMode == YRange.Mode.FROM_ZERO && wanted.lower == 0;
		return new Range(fromZero ? 0 : wanted.lower - room, wanted.upper + room);
	}

	private void draw(List<Metric> metrics, String xTitle, Format xFormat, double weight, Set<String> hidden) {
		IAxis x = chart.getAxisSet().getXAxis(0);
		if (!xTitle.equals(x.getTitle().getText())) {
			x.getTitle().setText(xTitle);
		}
		if (xFormat != null && x.getTick().getFormat() != xFormat) {
			x.getTick().setFormat(xFormat);
		}
		Range range = zoom != null ? zoom : follow(x.getRange(), extent(metrics));
		pendingX = range;
		drawnWidth = chart.getPlotArea().getControl().getSize().x;
		int width = Math.max(1, drawnWidth);
		boolean smooth = weight > 0;
		smoothedShown = smooth;
		drawn.clear();
		painted.clear();
		firstSegments.clear();
		leftOut = 0;
		List<double[]> shownValues = new ArrayList<>();
		int shownCount = 0;
		java.util.Set<String> present = new java.util.HashSet<>();
		List<Painted> mainLines = new ArrayList<>();
		Map<SeriesBuffer, SeriesBuffer.LiveDecimation> decimated = new java.util.IdentityHashMap<>();
		for (Metric metric : metrics) {
			boolean visible = !hidden.contains(metric.name());
			present.add(metric.name());
			ILineSeries<?> entry = legendEntry(metric);
			// a hidden metric stays in the legend, greyed, to be clicked back
			entry.setLineColor(visible ? metric.colour() : chart.getDisplay().getSystemColor(SWT.COLOR_GRAY));
			for (int k = 0; k < metric.segments().size(); k++) {
				SeriesBuffer segment = metric.segments().get(k);
				// the range stays while the data fits it: only the points since the last frame are folded in
				SeriesBuffer.LiveDecimation kept = liveDecimations.computeIfAbsent(segment, any -> new SeriesBuffer.LiveDecimation());
				decimated.put(segment, kept);
				SeriesBuffer.Decimation d = segment.decimate(range.lower - metric.xOffset(), range.upper - metric.xOffset(),
						width, kept);
				double[] xs = new double[d.points()];
				double[] ys = new double[d.points()];
				int n = 0;
				for (int i = 0; i < d.points(); i++) {
					if (log && !(d.values()[i] > 0)) {
						leftOut++; // a log axis cannot show it: left out, and said in the tooltip
						continue;
					}
					xs[n] = d.times()[i] + metric.xOffset();
					ys[n] = d.values()[i];
					n++;
				}
				xs = java.util.Arrays.copyOf(xs, n);
				ys = java.util.Arrays.copyOf(ys, n);
				double[] smoothed = smooth ? Smoothing.ema(ys, n, weight) : ys;
				if (k == 0) {
					firstSegments.put(metric.name(), new double[][] { xs, ys, smooth ? smoothed : new double[0] });
				}
				if (!visible) {
					continue;
				}
				if (smooth) {
					painted.add(new Painted(metric.name(), faintColours.computeIfAbsent(metric.colour(), MetricChart::faint), 1,
							xs, ys));
					mainLines.add(new Painted(metric.name(), metric.colour(), 2, xs, smoothed));
				} else {
					mainLines.add(new Painted(metric.name(), metric.colour(), 2, xs, ys));
				}
				drawn.add(new Drawn(metric.name(), xs, ys, smoothed));
				shownValues.add(ys);
				shownCount += n;
			}
		}
		painted.addAll(mainLines); // every faint raw line under the smoothed ones
		liveDecimations = decimated;
		for (String gone : new ArrayList<>(legendEntries.keySet())) {
			if (!present.contains(gone)) {
				chart.getSeriesSet().deleteSeries(legendEntries.remove(gone).getId());
			}
		}
		double[] all = new double[shownCount];
		int at = 0;
		for (double[] v : shownValues) {
			System.arraycopy(v, 0, all, at, v.length);
			at += v.length;
		}
		double[] yr = YRange.of(all, shownCount, rangeMode, log);
		pendingY = new Range(yr[0], yr[1]);
		summary = group + (leftOut > 0 ? String.format(Locale.ROOT, "\n%,d values <= 0 left out (log scale)", leftOut) : "");
		if (mouseX < 0) {
			chart.getPlotArea().getControl().setToolTipText(summary);
		} else {
			chart.getPlotArea().getControl().setToolTipText(valuesAt(mouseX));
		}
	}

	/**
	 * The x range to show for the {@code data}'s x range: the one shown while it still holds the data with not too
	 * much room around it, else the data with a small margin and a tenth of its span more room on the right (the
	 * data grows there).
	 */
	private static Range follow(Range shown, Range data) {
		double span = data.upper - data.lower;
		// one point: a unit (a step, a second) either side; else 2 %, but never a span the axis cannot resolve
		// (SWTChart refuses a range below ~1e-14 of its values: two points a millisecond apart on the wall clock)
		double margin = span > 0 ? Math.max(span * 0.02, 1e-9 * Math.max(Math.abs(data.lower), Math.abs(data.upper)))
				: 1;
		// measured against the data itself, not against the margins: those grow with the data, and a shown range
		// that had to hold them was new in every frame of a growing run (a layout of the chart each time); the right
		// edge is kept a margin ahead of the data, so a chart whose new range is put off a few frames shows every point
		boolean holds = shown.lower <= data.lower && shown.upper >= data.upper + margin;
		boolean tight = data.lower - shown.lower <= margin + span * 0.05
				&& shown.upper - data.upper <= margin + span * 0.25;
		if (holds && tight) {
			return shown;
		}
		return new Range(data.lower - margin, data.upper + margin + (span > 0 ? span * 0.1 : 0));
	}

	/** The lowest and highest x of the metrics' points (0 to 1 without any). */
	private Range extent(List<Metric> metrics) {
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (Metric metric : metrics) {
			for (SeriesBuffer segment : metric.segments()) {
				if (segment.hasData()) {
					lo = Math.min(lo, segment.firstTime() + metric.xOffset());
					hi = Math.max(hi, segment.lastTime() + metric.xOffset());
				}
			}
		}
		return lo <= hi ? new Range(lo, hi) : new Range(0, 1);
	}

	private ILineSeries<?> legendEntry(Metric metric) {
		return legendEntries.computeIfAbsent(metric.name(), name -> {
			ILineSeries<?> entry = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
					"m" + legendEntries.size());
			entry.setDescription(shortened(name));
			entry.setLineWidth(2);
			entry.setSymbolType(PlotSymbolType.NONE);
			entry.setXSeries(new double[0]);
			entry.setYSeries(new double[0]);
			return entry;
		});
	}

	private static Color faint(Color colour) {
		RGB c = colour.getRGB();
		return new Color(c.red + (255 - c.red) * 3 / 5, c.green + (255 - c.green) * 3 / 5, c.blue + (255 - c.blue) * 3 / 5);
	}

	private void mouseMoved(Event e) {
		mouseX = e.x;
		Control plot = chart.getPlotArea().getControl();
		if (dragStartX >= 0 && (e.stateMask & SWT.BUTTON1) != 0) {
			int width = Math.max(1, plot.getSize().x);
			double shift = (dragStartX - e.x) * (dragStartRange.upper - dragStartRange.lower) / width;
			if (shift != 0) {
				zoom = new Range(dragStartRange.lower + shift, dragStartRange.upper + shift);
				chart.getAxisSet().getXAxis(0).setRange(zoom);
				host.redrawRequested();
			}
		}
		plot.setToolTipText(valuesAt(mouseX));
		plot.redraw();
	}

	private void zoom(Event e) {
		if ((e.stateMask & SWT.MOD1) == 0) {
			return; // the plain wheel scrolls the grid, which may hold more charts than the area shows
		}
		e.doit = false; // zoomed: the grid does not scroll as well
		IAxis x = chart.getAxisSet().getXAxis(0);
		Range r = x.getRange();
		double at = x.getDataCoordinate(e.x);
		double factor = e.count > 0 ? 0.8 : 1.25;
		zoom = new Range(at - (at - r.lower) * factor, at + (r.upper - at) * factor);
		x.setRange(zoom);
		chart.redraw();
		host.redrawRequested(); // the lines of the new range, at the plot's resolution
	}

	/** Follows all the data again. */
	public void resetZoom() {
		zoom = null;
		host.redrawRequested();
	}

	public void setLog(boolean on) {
		log = on;
		host.redrawRequested();
	}

	public boolean isLog() {
		return log;
	}

	public void setRangeMode(YRange.Mode mode) {
		rangeMode = mode;
		host.redrawRequested();
	}

	/**
	 * The crosshair's text for the plot's pixel column {@code px}: x, then each visible metric's value at the point
	 * nearest to it, raw and smoothed.
	 */
	public String valuesAt(int px) {
		if (drawn.isEmpty()) {
			return summary;
		}
		IAxis x = chart.getAxisSet().getXAxis(0);
		double at = x.getDataCoordinate(px);
		Map<String, double[]> nearest = new java.util.LinkedHashMap<>(); // metric -> {x, raw, smoothed, distance}
		for (Drawn d : drawn) {
			int i = nearestIndex(d.xs(), at);
			if (i < 0) {
				continue;
			}
			double distance = Math.abs(d.xs()[i] - at);
			double[] best = nearest.get(d.metric());
			if (best == null || distance < best[3]) {
				nearest.put(d.metric(), new double[] { d.xs()[i], d.raw()[i], d.smoothed()[i], distance });
			}
		}
		// the x of the point nearest to the mouse, as the axis writes it (a step is a whole number, a time of day a time)
		double nearestX = at;
		double best = Double.POSITIVE_INFINITY;
		for (double[] v : nearest.values()) {
			if (v[3] < best) {
				best = v[3];
				nearestX = v[0];
			}
		}
		Format format = x.getTick().getFormat();
		StringBuilder text = new StringBuilder(x.getTitle().getText()).append(' ')
				.append(format == XAxis.TIME_OF_DAY ? format.format(nearestX) : number(nearestX));
		for (Map.Entry<String, double[]> e : nearest.entrySet()) {
			double[] v = e.getValue();
			text.append('\n').append(shortened(e.getKey())).append(": ").append(String.format(Locale.ROOT, "%.6g", v[1]));
			if (smoothedShown) {
				text.append(String.format(Locale.ROOT, " (smoothed %.6g)", v[2]));
			}
		}
		if (leftOut > 0) {
			text.append(String.format(Locale.ROOT, "\n%,d values <= 0 left out (log scale)", leftOut));
		}
		return text.toString();
	}

	private static String number(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
	}

	private static int nearestIndex(double[] xs, double at) {
		if (xs.length == 0) {
			return -1;
		}
		int i = java.util.Arrays.binarySearch(xs, at);
		if (i >= 0) {
			return i;
		}
		int after = -i - 1;
		if (after == 0) {
			return 0;
		}
		if (after >= xs.length) {
			return xs.length - 1;
		}
		return at - xs[after - 1] <= xs[after] - at ? after - 1 : after;
	}

	/** Each line by {@link LinePainter} (markers while its points are few enough to tell apart). */
	private void paintLines(GC gc) {
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		for (Painted line : painted) { // LinePainter sets the antialiasing and line style it draws with
			int n = line.xs().length;
			if (n == 0) {
				continue;
			}
			int[] pixels = new int[2 * n];
			for (int i = 0; i < n; i++) {
				pixels[2 * i] = x.getPixelCoordinate(line.xs()[i]);
				pixels[2 * i + 1] = y.getPixelCoordinate(line.ys()[i]);
			}
			LinePainter.draw(gc, pixels, n, line.colour(), line.width());
			if (n <= 60 && line.width() > 1) {
				gc.setBackground(line.colour());
				for (int i = 0; i < n; i++) {
					gc.fillOval(pixels[2 * i] - 2, pixels[2 * i + 1] - 2, 5, 5);
				}
			}
		}
	}

	private void paintCrosshair(GC gc) {
		if (mouseX < 0 || drawn.isEmpty()) {
			return;
		}
		Rectangle area = chart.getPlotArea().getControl().getBounds();
		gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		gc.setLineStyle(SWT.LINE_DOT);
		gc.setLineWidth(1);
		gc.drawLine(mouseX, 0, mouseX, area.height);
		gc.setLineStyle(SWT.LINE_SOLID);
		IAxis x = chart.getAxisSet().getXAxis(0);
		IAxis y = chart.getAxisSet().getYAxis(0);
		double at = x.getDataCoordinate(mouseX);
		for (Drawn d : drawn) {
			int i = nearestIndex(d.xs(), at);
			if (i >= 0) {
				int px = x.getPixelCoordinate(d.xs()[i]);
				int py = y.getPixelCoordinate(d.smoothed()[i]);
				gc.drawOval(px - 4, py - 4, 8, 8); // the nearest point, highlighted
			}
		}
	}

	/**
	 * Y ticks at least three to the plot's height. SWTChart spaces them ~64 px apart, so the 40-60 px plots of a grid
	 * of four small charts showed one tick label, or none, to read a value by; 16 px is the closest it allows.
	 */
	private void fitYTicks() {
		if (chart.isDisposed()) {
			return;
		}
		int hint = Math.max(16, Math.min(DEFAULT_Y_TICK_SPACING, chart.getPlotArea().getControl().getSize().y / 3));
		IAxisTick tick = chart.getAxisSet().getYAxis(0).getTick();
		if (tick.getTickMarkStepHint() != hint) {
			tick.setTickMarkStepHint(hint);
			chart.redraw();
		}
	}

	private void legendClicked(Event e) {
		for (Map.Entry<String, ILineSeries<?>> entry : legendEntries.entrySet()) {
			Rectangle bounds = chart.getLegend().getBounds(entry.getValue().getId());
			if (bounds != null && bounds.contains(e.x, e.y)) {
				host.toggleHidden(entry.getKey());
				return;
			}
		}
	}

	/** Saves this chart as a PNG image. */
	public void exportPng(java.nio.file.Path file) {
		chart.save(file.toString(), SWT.IMAGE_PNG);
	}

	public String group() {
		return group;
	}

	public Chart chart() {
		return chart;
	}

	/** The legend's bounds of a metric's entry (for tests: a click there hides the metric), or null. */
	public Rectangle legendEntry(String metric) {
		ILineSeries<?> entry = legendEntries.get(metric);
		return entry == null ? null : chart.getLegend().getBounds(entry.getId());
	}

	/** The y values of a metric's first segment as last drawn, raw or smoothed (empty without smoothing); null when absent. */
	public double[] values(String metric, boolean smoothed) {
		double[][] segment = firstSegments.get(metric);
		return segment == null ? null : segment[smoothed ? 2 : 1];
	}

	/** The x values of a metric's first segment as last drawn; null when absent. */
	public double[] xValues(String metric) {
		double[][] segment = firstSegments.get(metric);
		return segment == null ? null : segment[0];
	}

	/** Whether a metric's lines are painted (not hidden). */
	public boolean isShown(String metric) {
		return painted.stream().anyMatch(p -> p.metric().equals(metric));
	}

	/** The colour of a metric's raw line (faint under a smoothed one) or of its smoothed line, as painted; null when hidden. */
	public Color lineColour(String metric, boolean smoothed) {
		List<Painted> lines = painted.stream().filter(p -> p.metric().equals(metric)).toList();
		if (lines.isEmpty()) {
			return null;
		}
		return smoothed || lines.size() == 1 ? lines.get(lines.size() - 1).colour() : lines.get(0).colour();
	}

	/** Values left out of the last frame because a log axis cannot show them. */
	public int leftOut() {
		return leftOut;
	}

	void dispose() {
		chart.dispose();
	}
}
