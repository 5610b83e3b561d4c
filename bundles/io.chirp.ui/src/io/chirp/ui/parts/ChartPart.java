package io.chirp.ui.parts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

import io.chirp.core.model.RefinedBatch;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunState;
import io.chirp.ui.ChirpTopics;
import io.chirp.ui.run.FramePacer;

/**
 * The chart area: a SWTChart chart (axes, grid, title, metric series) with the live signal drawn over it as one
 * polyline ({@link PolylineLayer}), composed inside a POJO part. Each frame draws the run
 * model's min/max decimation at the plot's pixel width, so a million-sample history redraws smoothly. New data
 * only requests a frame; frames are paced to the display.
 * <p>
 * Follow mode shows the last {@link #windowSeconds} seconds (or the whole history) and moves with the live edge;
 * the mouse wheel zooms and dragging pans the time axis, which leaves follow mode; double-click returns to it.
 */
public class ChartPart {

	static final long FRAME_INTERVAL_MILLIS = 16;
	/**
	 * Metric series change at the pace of a training loop, but a program may report thousands of values a second,
	 * and SWTChart strokes their lines segment by segment: 20 frames a second leave the UI thread its time.
	 */
	static final long METRIC_FRAME_INTERVAL_MILLIS = 50;
	private static final double DEFAULT_WINDOW_SECONDS = 5;
	/** Distinct line colours for metrics, in the order they appear (Tableau 10). */
	private static final Color[] PALETTE = { new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
			new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd),
			new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f),
			new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf) };
	private static final String METRIC_PREFIX = "metric:";

	private RunController controller;
	private IEventBroker broker;
	private Chart chart;
	private PolylineLayer signal;
	private ToolItem followItem;
	private ToolItem historyItem;
	private FramePacer pacer;
	private RunListener frameRequests;
	private boolean follow = true;
	private boolean wholeHistory;
	private double windowSeconds = DEFAULT_WINDOW_SECONDS;
	private int dragStartX = -1;
	private Range dragStartRange;
	private long frames;
	private long framesAtLastRate;
	private long lastRateNanos = System.nanoTime();
	private RunModel shownModel;
	/** The chart's line per metric segment (see {@link #segmentKey}). */
	private final Map<String, ILineSeries<?>> metricSeries = new LinkedHashMap<>();
	private final Map<String, Color> metricColours = new LinkedHashMap<>();

	@PostConstruct
	public void createControls(Composite parent, RunController runController, UISynchronize ui, IEventBroker events) {
		this.controller = runController;
		this.broker = events;
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		layout.verticalSpacing = 0;
		parent.setLayout(layout);
		createToolBar(parent);

		chart = new Chart(parent, SWT.NONE);
		chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		chart.getTitle().setText("No run yet: press Start (Ctrl+F11)");
		chart.getAxisSet().getXAxis(0).getTitle().setText("Time [s]");
		chart.getAxisSet().getYAxis(0).getTitle().setText("Amplitude");
		chart.getLegend().setVisible(false);
		chart.enableCompress(false); // the decimation already gives ~2 points per pixel
		ChartStyle.applyTo(chart);
		signal = new PolylineLayer(chart, PALETTE[0], 1);
		chart.getAxisSet().getXAxis(0).setRange(new Range(0, DEFAULT_WINDOW_SECONDS));
		chart.getAxisSet().getYAxis(0).setRange(new Range(-1.1, 1.1));
		installMouse(chart.getPlotArea().getControl());
		installExportMenu(chart.getPlotArea().getControl());

		pacer = new FramePacer(ui, chart, this::drawFrame, FRAME_INTERVAL_MILLIS);
		frameRequests = new RunListener() {
			@Override
			public void batchStored(RunModel model) {
				pacer.request();
			}

			@Override
			public void stateChanged(RunState state) {
				pacer.request();
			}
		};
		controller.addListener(frameRequests);
		pacer.request();
	}

	private void createToolBar(Composite parent) {
		ToolBar bar = new ToolBar(parent, SWT.FLAT | SWT.RIGHT);
		bar.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
		followItem = new ToolItem(bar, SWT.CHECK);
		followItem.setText("Follow");
		followItem.setToolTipText("Follow the live edge (double-click the chart)");
		followItem.setSelection(true);
		followItem.addListener(SWT.Selection, e -> setFollow(followItem.getSelection()));
		historyItem = new ToolItem(bar, SWT.CHECK);
		historyItem.setText("Whole history");
		historyItem.setToolTipText("Show the whole history instead of the last " + (int) windowSeconds + " s");
		historyItem.addListener(SWT.Selection, e -> setWholeHistory(historyItem.getSelection()));
	}

	private void installMouse(Control plot) {
		plot.addListener(SWT.MouseVerticalWheel, this::zoom);
		plot.addListener(SWT.MouseDown, e -> {
			if (e.button == 1) {
				dragStartX = e.x;
				dragStartRange = chart.getAxisSet().getXAxis(0).getRange();
			}
		});
		plot.addListener(SWT.MouseMove, this::pan);
		plot.addListener(SWT.MouseUp, e -> dragStartX = -1);
		plot.addListener(SWT.MouseDoubleClick, e -> setFollow(true));
	}

	private void zoom(Event e) {
		IAxis x = chart.getAxisSet().getXAxis(0);
		Range r = x.getRange();
		double at = x.getDataCoordinate(e.x);
		double factor = e.count > 0 ? 0.8 : 1.25;
		x.setRange(new Range(at - (at - r.lower) * factor, at + (r.upper - at) * factor));
		setFollow(false);
	}

	private void pan(Event e) {
		if (dragStartX < 0 || (e.stateMask & SWT.BUTTON1) == 0) {
			return;
		}
		int width = Math.max(1, chart.getPlotArea().getSize().x);
		double shift = (dragStartX - e.x) * (dragStartRange.upper - dragStartRange.lower) / width;
		if (shift != 0) {
			chart.getAxisSet().getXAxis(0).setRange(new Range(dragStartRange.lower + shift, dragStartRange.upper + shift));
			setFollow(false);
		}
	}

	/** Follow the live edge (true) or keep the user's zoom and pan (false). */
	public void setFollow(boolean on) {
		follow = on;
		followItem.setSelection(on);
		pacer.request();
	}

	/** In follow mode, show the whole history instead of the last few seconds. */
	public void setWholeHistory(boolean on) {
		wholeHistory = on;
		historyItem.setSelection(on);
		setFollow(true);
	}

	private void drawFrame() {
		RunModel model = controller.model();
		if (model != shownModel) {
			startShowing(model);
		}
		List<String> metrics = model.metricNames();
		pacer.setMinInterval(metrics.isEmpty() ? FRAME_INTERVAL_MILLIS : METRIC_FRAME_INTERVAL_MILLIS);
		// each range or title change lays the whole chart out again (text extents of every tick label): once a frame
		chart.suspendUpdate(true);
		try {
			if (metrics.isEmpty()) {
				drawSignal(model);
			} else {
				drawMetrics(model, metrics);
			}
			chart.getTitle().setText(title(model, metrics));
		} finally {
			chart.suspendUpdate(false);
		}
		chart.redraw();
		countFrame();
	}

	/** A new run: forget the previous run's metric series. */
	private void startShowing(RunModel model) {
		shownModel = model;
		for (ILineSeries<?> line : metricSeries.values()) {
			chart.getSeriesSet().deleteSeries(line.getId());
		}
		metricSeries.clear();
		metricColours.clear();
		signal.setData(new double[0], new double[0], 0);
		chart.getLegend().setVisible(false);
		chart.getAxisSet().getXAxis(0).getTitle().setText("Time [s]");
		chart.getAxisSet().getYAxis(0).getTitle().setText("Amplitude");
	}

	private void drawSignal(RunModel model) {
		SeriesBuffer series = model.series();
		IAxis x = chart.getAxisSet().getXAxis(0);
		double last = series.lastTime();
		if (Double.isNaN(last)) {
			return; // nothing yet: keep the empty axes
		}
		double first = series.firstTime();
		if (follow) {
			if (wholeHistory) {
				x.setRange(new Range(first, Math.max(last, first + 1e-9)));
			} else if (last - first < windowSeconds) {
				x.setRange(new Range(first, first + windowSeconds)); // the curve grows from the left
			} else {
				x.setRange(new Range(last - windowSeconds, last));
			}
		}
		Range shown = x.getRange();
		SeriesBuffer.Decimation d = series.decimate(shown.lower, shown.upper, plotWidth());
		signal.setData(d.times(), d.values(), d.points());
		chart.getAxisSet().getYAxis(0).setRange(yRange(d.values(), d.points()));
	}

	/**
	 * Metrics (training runs): one coloured series per metric, with a legend; a metric whose step went back has a
	 * line per segment in the same colour (one legend entry). Follow shows all of them.
	 */
	private void drawMetrics(RunModel model, List<String> names) {
		chart.getLegend().setVisible(true);
		String axis = model.metricAxis(names.get(0));
		chart.getAxisSet().getXAxis(0).getTitle().setText(axis == null ? "" : capitalized(axis));
		chart.getAxisSet().getYAxis(0).getTitle().setText("Value");
		IAxis x = chart.getAxisSet().getXAxis(0);
		Map<String, List<SeriesBuffer>> segments = new LinkedHashMap<>();
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (String name : names) {
			List<SeriesBuffer> parts = model.metricSeries(name).segments();
			segments.put(name, parts);
			for (SeriesBuffer b : parts) {
				if (b.size() > 0) {
					lo = Math.min(lo, b.firstTime());
					hi = Math.max(hi, b.lastTime());
				}
			}
		}
		if (follow && lo <= hi) {
			double margin = hi > lo ? (hi - lo) * 0.02 : 1;
			x.setRange(new Range(lo - margin, hi + margin));
		}
		Range shown = x.getRange();
		double yLo = Double.POSITIVE_INFINITY;
		double yHi = Double.NEGATIVE_INFINITY;
		for (Map.Entry<String, List<SeriesBuffer>> metric : segments.entrySet()) {
			List<SeriesBuffer> parts = metric.getValue();
			for (int k = 0; k < parts.size(); k++) {
				SeriesBuffer.Decimation d = parts.get(k).decimate(shown.lower, shown.upper, plotWidth());
				ILineSeries<?> line = lineOf(metric.getKey(), k);
				double[] ys = Arrays.copyOf(d.values(), d.points());
				line.setXSeries(Arrays.copyOf(d.times(), d.points()));
				line.setYSeries(ys);
				// markers while the points are few enough to tell apart
				line.setSymbolType(d.points() <= 60 ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
				line.setSymbolSize(3);
				for (double y : ys) {
					yLo = Math.min(yLo, y);
					yHi = Math.max(yHi, y);
				}
			}
			// segments the series no longer holds (the oldest go beyond its capacity) are emptied
			for (int k = parts.size(); metricSeries.containsKey(segmentKey(metric.getKey(), k)); k++) {
				ILineSeries<?> gone = metricSeries.get(segmentKey(metric.getKey(), k));
				gone.setXSeries(new double[0]);
				gone.setYSeries(new double[0]);
			}
		}
		if (yLo <= yHi) {
			chart.getAxisSet().getYAxis(0).setRange(yRange(new double[] { yLo, yHi }, 2));
		}
	}

	private static String segmentKey(String metric, int segment) {
		return segment == 0 ? metric : metric + "\u0000" + segment;
	}

	/** The chart's line for one segment of a metric, made when first needed, in the metric's colour. */
	private ILineSeries<?> lineOf(String metric, int segment) {
		return metricSeries.computeIfAbsent(segmentKey(metric, segment), key -> {
			Color colour = metricColours.computeIfAbsent(metric, m -> PALETTE[metricColours.size() % PALETTE.length]);
			ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
					METRIC_PREFIX + key.replace('\u0000', '#'));
			line.setDescription(metric);
			line.setLineColor(colour);
			line.setSymbolColor(colour);
			line.setLineWidth(2);
			line.setVisibleInLegend(segment == 0);
			return line;
		});
	}

	private static String capitalized(String s) {
		return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
	}

	private int plotWidth() {
		return Math.max(1, chart.getPlotArea().getSize().x);
	}

	private static Range yRange(double[] ys, int count) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < count; i++) {
			min = Math.min(min, ys[i]);
			max = Math.max(max, ys[i]);
		}
		if (!(max > min)) {
			return new Range(min - 1, max + 1);
		}
		double margin = (max - min) * 0.05;
		return new Range(min - margin, max + margin);
	}

	private String title(RunModel model, List<String> metrics) {
		if (metrics.isEmpty() && model.latest() == null && controller.state() == RunState.IDLE) {
			return "No run yet: press Start (Ctrl+F11), or New Run (Ctrl+N) to watch a program or open a log";
		}
		String state = controller.state() == RunState.IDLE ? " (stopped)" : "";
		if (!metrics.isEmpty()) {
			return controller.sourceName() + ": " + metrics.size() + (metrics.size() == 1 ? " metric, " : " metrics, ")
					+ String.format(Locale.ROOT, "%,d points", model.metricPoints()) + state;
		}
		RefinedBatch latest = model.latest();
		String frequency = latest == null || latest.signal() == null ? "-" : latest.signal();
		double rate = controller.sampleRateHz();
		String sampling = Double.isNaN(rate) ? "" : String.format(Locale.ROOT, " at %,.0f samples/s", rate);
		return controller.sourceName() + " " + frequency + sampling + state;
	}

	private void countFrame() {
		frames++;
		long now = System.nanoTime();
		if (now - lastRateNanos >= 500_000_000L) {
			double fps = (frames - framesAtLastRate) / ((now - lastRateNanos) / 1e9);
			framesAtLastRate = frames;
			lastRateNanos = now;
			broker.post(ChirpTopics.CHART_FPS, fps);
		}
	}

	/** Points of the signal line drawn now, for tests. */
	public int signalPoints() {
		return signal.points();
	}

	/** Frames drawn so far, for the status line and tests. */
	public long frames() {
		return frames;
	}

	private void installExportMenu(Control plot) {
		Menu menu = new Menu(plot);
		MenuItem csv = new MenuItem(menu, SWT.PUSH);
		csv.setText("Export Data as CSV...");
		csv.addListener(SWT.Selection, e -> chooseFile("chirp-data.csv", "*.csv").ifPresent(this::exportCsvReporting));
		MenuItem png = new MenuItem(menu, SWT.PUSH);
		png.setText("Export Chart as PNG...");
		png.addListener(SWT.Selection, e -> chooseFile("chirp-chart.png", "*.png").ifPresent(this::exportPng));
		plot.setMenu(menu);
	}

	private java.util.Optional<Path> chooseFile(String name, String extension) {
		FileDialog dialog = new FileDialog(chart.getShell(), SWT.SAVE);
		dialog.setFileName(name);
		dialog.setFilterExtensions(new String[] { extension, "*" });
		dialog.setOverwrite(true);
		String chosen = dialog.open();
		return java.util.Optional.ofNullable(chosen).map(Path::of);
	}

	private void exportCsvReporting(Path file) {
		org.eclipse.core.runtime.jobs.Job.create("Exporting chart data to " + file.getFileName(), monitor -> {
			try {
				exportCsv(file);
				return org.eclipse.core.runtime.Status.OK_STATUS;
			} catch (IOException e) {
				return org.eclipse.core.runtime.Status.error("Could not write " + file + ": " + e.getMessage(), e);
			}
		}).schedule();
	}

	/**
	 * Writes every series at full resolution (not the decimated view) as {@code series,x,value} rows: the signal
	 * as {@code signal,<seconds>,<value>}, each metric as {@code <name>,<step or seconds>,<value>}. Callable from
	 * any thread: it reads snapshots of the run model.
	 */
	public void exportCsv(Path file) throws IOException {
		RunModel model = controller.model();
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("series,x,value\n");
			writeRows(out, "signal", model.series().all());
			for (String name : model.metricNames()) {
				for (SeriesBuffer segment : model.metricSeries(name).segments()) {
					writeRows(out, name, segment.all());
				}
			}
		}
	}

	private static void writeRows(BufferedWriter out, String series, SeriesBuffer.Decimation all) throws IOException {
		String quoted = series.matches("[\\w./-]+") ? series : '"' + series.replace("\"", "\"\"") + '"';
		for (int i = 0; i < all.points(); i++) {
			out.write(quoted);
			out.write(',');
			out.write(Double.toString(all.times()[i]));
			out.write(',');
			out.write(Double.toString(all.values()[i]));
			out.write('\n');
		}
	}

	/** Saves the chart as shown as a PNG image (on the UI thread). */
	public void exportPng(Path file) {
		chart.save(file.toString(), SWT.IMAGE_PNG);
	}

	@Focus
	public void setFocus() {
		chart.setFocus();
	}

	@PreDestroy
	public void dispose() {
		controller.removeListener(frameRequests);
	}

	/** The chart widget, for tests. */
	public Chart getChart() {
		return chart;
	}
}
