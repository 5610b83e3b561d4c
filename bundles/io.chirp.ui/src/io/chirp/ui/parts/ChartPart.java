package io.chirp.ui.parts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swtchart.Chart;

import io.chirp.core.model.RefinedBatch;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.record.RunExport;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunState;
import io.chirp.ui.ChirpTopics;
import io.chirp.ui.charts.ChartFiles;
import io.chirp.ui.charts.MetricGrid;
import io.chirp.ui.charts.Palette;
import io.chirp.ui.charts.Smoothing;
import io.chirp.ui.charts.XAxis;
import io.chirp.ui.prefs.RunPreferences;
import io.chirp.ui.run.FramePacer;
import io.chirp.ui.run.RunLibrary;

/**
 * The chart area, composed inside a POJO part: the live signal's chart ({@link SignalChart}) above the grid of metric
 * charts ({@link MetricGrid}), the toolbar row over both (smoothing, x axis, metric filter, follow), their export.
 * New data only requests a frame; frames are paced to the display ({@link FramePacer}) and each draws the runs the
 * Runs view shows. Whichever of the two has no data gives the other the whole area.
 */
public class ChartPart {

	static final long FRAME_INTERVAL_MILLIS = 16;
	/**
	 * Metric series change at the pace of a training loop, but a program may report thousands of values a second:
	 * 20 frames a second leave the UI thread its time.
	 */
	static final long METRIC_FRAME_INTERVAL_MILLIS = 50;
	private static final Color SIGNAL_COLOUR = new Color(0x1f, 0x77, 0xb4);

	private RunController controller;
	private RunLibrary library;
	/** What the chart shows before any run: an empty model. */
	private final RunModel noRun = new RunModel(1);
	private IEventBroker broker;
	private Chart chart;
	private SignalChart signal;
	private ToolItem followItem;
	private ToolItem historyItem;
	private FramePacer pacer;
	private RunListener frameRequests;
	/** The least time between two frames of the signal chart (Preferences > Chirp > Chart: the frame rate cap). */
	private long frameIntervalMillis = FRAME_INTERVAL_MILLIS;
	private IEclipsePreferences preferences;
	private ChartStyle.Scheme scheme = ChartStyle.Scheme.LIGHT;
	private IEclipsePreferences.IPreferenceChangeListener chartPreferences;
	private long frames;
	private long framesAtLastRate;
	private long lastRateNanos = System.nanoTime();
	private RunModel shownModel;
	private SashForm sash;
	private MetricGrid grid;
	private Scale smoothing;
	private Label smoothingValue;
	private Combo xAxis;
	private Text filter;
	private ChartSettings settings;

	@PostConstruct
	public void createControls(Composite parent, RunController runController, RunLibrary runLibrary, UISynchronize ui,
			IEventBroker events, @Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences,
			@org.eclipse.e4.core.di.annotations.Optional org.eclipse.e4.ui.css.swt.theme.IThemeEngine themes) {
		this.controller = runController;
		this.library = runLibrary;
		this.broker = events;
		this.settings = new ChartSettings(preferences);
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		layout.verticalSpacing = 0;
		parent.setLayout(layout);
		createToolBar(parent);

		// the signal above, the metric charts below; whichever has no data gives the other the whole area
		sash = new SashForm(parent, SWT.VERTICAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		// frames are asked for through the pacer, made just below
		signal = new SignalChart(sash, SIGNAL_COLOUR, () -> pacer.request(), on -> followItem.setSelection(on));
		chart = signal.chart();
		installExportMenu(chart.getPlotArea().getControl());
		grid = new MetricGrid(sash, new MetricGrid.Listener() {
			@Override
			public void hiddenChanged(Set<String> hidden) {
				settings.saveHidden(hidden);
			}

			@Override
			public void exportCsvRequested() {
				ChartFiles.choose(chart.getShell(), "chirp-data.csv", "*.csv").ifPresent(ChartPart.this::exportCsvReporting);
			}

			@Override
			public void redrawRequested() {
				pacer.request();
			}
		});
		sash.setWeights(45, 55);
		sash.setMaximizedControl(chart);
		applySettings();

		pacer = new FramePacer(ui, chart, this::drawFrame, FRAME_INTERVAL_MILLIS);
		this.preferences = preferences;
		applyChartPreferences();
		var theme = themes == null ? null : themes.getActiveTheme();
		applyScheme(ChartStyle.Scheme.ofTheme(theme == null ? null : theme.getId()));
		// Window > Preferences > Chirp > Chart: applied at once (the dialog runs on the UI thread; others post)
		chartPreferences = event -> {
			if (event.getKey().startsWith("chart.") && !chart.isDisposed()) {
				ui.asyncExec(() -> {
					if (!chart.isDisposed()) {
						applyChartPreferences();
						pacer.request();
					}
				});
			}
		};
		preferences.addPreferenceChangeListener(chartPreferences);
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
		Composite row = new Composite(parent, SWT.NONE);
		row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		GridLayout rowLayout = new GridLayout(7, false);
		rowLayout.marginHeight = 1;
		row.setLayout(rowLayout);
		new Label(row, SWT.NONE).setText("Smoothing:");
		smoothing = new Scale(row, SWT.HORIZONTAL);
		smoothing.setMinimum(0);
		smoothing.setMaximum((int) Math.round(Smoothing.MAX_WEIGHT * 100));
		smoothing.setPageIncrement(10);
		GridData scaleData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
		scaleData.widthHint = 100;
		smoothing.setLayoutData(scaleData);
		smoothing.setToolTipText("Exponential moving average of the metric lines (0 = off); the raw line stays faint behind");
		smoothingValue = new Label(row, SWT.NONE);
		smoothingValue.setLayoutData(new GridData(30, SWT.DEFAULT));
		smoothing.addListener(SWT.Selection, e -> {
			settings.saveSmoothing(smoothing.getSelection());
			applySettings();
		});
		new Label(row, SWT.NONE).setText("X axis:");
		xAxis = new Combo(row, SWT.READ_ONLY);
		for (XAxis axis : XAxis.values()) {
			xAxis.add(axis.label());
		}
		xAxis.addListener(SWT.Selection, e -> {
			settings.saveXAxis(XAxis.values()[Math.max(0, xAxis.getSelectionIndex())]);
			applySettings();
		});
		filter = new Text(row, SWT.SEARCH | SWT.ICON_CANCEL | SWT.ICON_SEARCH);
		filter.setMessage("Filter metrics (text or regex)");
		// the one part of the row that gives: wider with the part, narrower down to a short word, so the row fits
		// whole in a part ~730 px wide (the chart part of a 1366 x 768 laptop's window is ~760)
		GridData filterData = new GridData(SWT.FILL, SWT.CENTER, true, false);
		filterData.widthHint = 200;
		filterData.minimumWidth = 100;
		filter.setLayoutData(filterData);
		filter.addListener(SWT.Modify, e -> {
			settings.saveFilter(filter.getText());
			applySettings();
		});
		ToolBar bar = new ToolBar(row, SWT.FLAT | SWT.RIGHT);
		bar.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
		followItem = new ToolItem(bar, SWT.CHECK);
		followItem.setText("Follow");
		followItem.setToolTipText("Follow the live edge (double-click the chart)");
		followItem.setSelection(true);
		followItem.addListener(SWT.Selection, e -> setFollow(followItem.getSelection()));
		historyItem = new ToolItem(bar, SWT.CHECK);
		historyItem.setText("Whole history");
		historyItem.setToolTipText("Show the whole history instead of the last 5 s"); // the preference's value follows
		historyItem.addListener(SWT.Selection, e -> setWholeHistory(historyItem.getSelection()));
	}

	/** Puts the remembered smoothing, x axis, filter and hidden metrics into the controls and the grid. */
	private void applySettings() {
		int weight = settings.smoothing();
		if (smoothing.getSelection() != weight) {
			smoothing.setSelection(weight);
		}
		smoothingValue.setText(String.format(Locale.ROOT, "%.2f", weight / 100.0));
		XAxis axis = settings.xAxis();
		if (xAxis.getSelectionIndex() != axis.ordinal()) {
			xAxis.select(axis.ordinal());
		}
		if (!filter.getText().equals(settings.filter())) {
			filter.setText(settings.filter());
		}
		grid.setSmoothing(weight / 100.0);
		grid.setXAxis(axis);
		grid.setFilter(settings.filter());
		grid.setHidden(settings.hidden());
		if (pacer != null) {
			pacer.request();
		}
	}

	/** Sets the smoothing weight (0 to 0.99) as the slider does; remembered. */
	public void setSmoothing(double weight) {
		settings.saveSmoothing((int) Math.round(weight * 100));
		applySettings();
	}

	/** Chooses the metric charts' x axis as the combo does; remembered. */
	public void setXAxis(XAxis axis) {
		settings.saveXAxis(axis);
		applySettings();
	}

	/** Filters the metric charts as the filter field does; remembered. */
	public void setFilter(String text) {
		filter.setText(text); // its Modify listener saves and applies it
	}

	/** The grid of metric charts, for tests. */
	public MetricGrid metricGrid() {
		return grid;
	}

	/** Follow the live edge (true) or keep the user's zoom and pan (false). */
	public void setFollow(boolean on) {
		followItem.setSelection(on);
		signal.setFollow(on);
	}

	/** In follow mode, show the whole history instead of the last few seconds. */
	public void setWholeHistory(boolean on) {
		historyItem.setSelection(on);
		signal.setWholeHistory(on);
		setFollow(true);
	}

	/** The Runs view's selection changed, or a run (its name, state, data read from disk): a frame shows it. */
	@Inject
	@Optional
	public void runsChanged(@UIEventTopic(ChirpTopics.RUNS_SELECTED) Object selection) {
		if (pacer != null) {
			pacer.request();
		}
	}

	@Inject
	@Optional
	public void runChanged(@UIEventTopic(ChirpTopics.RUNS_CHANGED) Object run) {
		if (pacer != null) {
			pacer.request();
		}
	}

	private void drawFrame() {
		List<Run> shown = library.shown();
		Run primary = shown.isEmpty() ? null : shown.get(0);
		RunModel model = primary == null || primary.model() == null ? noRun : primary.model();
		if (model != shownModel) {
			startShowing(model);
		}
		List<MetricGrid.Shown> withMetrics = new java.util.ArrayList<>();
		for (Run run : shown) {
			if (run.model() != null && !run.model().metricNames().isEmpty()) {
				withMetrics.add(new MetricGrid.Shown(run.model(), run.name(), Palette.colour(run.colourIndex())));
			}
		}
		boolean hasSignal = model.series().size() > 0;
		boolean hasMetrics = !withMetrics.isEmpty();
		pacer.setMinInterval(hasMetrics ? Math.max(METRIC_FRAME_INTERVAL_MILLIS, frameIntervalMillis) : frameIntervalMillis);
		if (hasSignal || !hasMetrics) {
			signal.draw(model.series(), title(primary, model));
		}
		if (hasMetrics) {
			grid.show(withMetrics, withMetrics.size() == 1 ? describe(primary) : withMetrics.size() + " runs");
		}
		// a run with both a signal and metrics shows both
		Control alone = !hasMetrics ? chart : hasSignal ? null : grid.control();
		if (sash.getMaximizedControl() != alone) {
			sash.setMaximizedControl(alone);
		}
		countFrame();
	}

	/** A run's name and, when it no longer runs, how it ended. */
	private static String describe(Run run) {
		return run.name() + (run.status().isLive() ? "" : " (" + run.status().label() + ")");
	}

	/** A new run: the signal chart starts empty (the grid starts over by itself). */
	private void startShowing(RunModel model) {
		shownModel = model;
		signal.clear();
	}

	private String title(Run run, RunModel model) {
		if (run == null) {
			return "No run yet: Start (Ctrl+F11) or New Run (Ctrl+N)"; // short: the title is centred and cut at both ends
		}
		if (run.model() == null) {
			return run.status() == io.chirp.core.run.RunStatus.DAMAGED ? run.name() + " cannot be read: " + run.problem()
					: "Reading " + run.name() + "...";
		}
		RefinedBatch latest = model.latest();
		String frequency = latest == null || latest.signal() == null ? "" : " " + latest.signal();
		double rate = run == controller.newest() && run.status().isLive() ? controller.sampleRateHz() : Double.NaN;
		String sampling = Double.isNaN(rate) ? "" : String.format(Locale.ROOT, " at %,.0f samples/s", rate);
		return describe(run) + frequency + sampling;
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
		csv.addListener(SWT.Selection, e -> ChartFiles.choose(chart.getShell(), "chirp-data.csv", "*.csv")
				.ifPresent(this::exportCsvReporting));
		MenuItem png = new MenuItem(menu, SWT.PUSH);
		png.setText("Export Chart as PNG...");
		png.addListener(SWT.Selection, e -> ChartFiles.choose(chart.getShell(), "chirp-chart.png", "*.png")
				.ifPresent(this::exportPng));
		plot.setMenu(menu);
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
	 * Writes every point of the runs shown (not the decimated view) as {@code series,x,value} rows: the signal as
	 * {@code signal,<seconds>,<value>}, each metric as {@code <name>,<step or seconds>,<value>}, from each run's
	 * recording (memory holds only the newest points at full resolution), or from memory for a run not recorded;
	 * several runs' series are named {@code <run>: <series>}. Callable from any thread.
	 */
	public void exportCsv(Path file) throws IOException {
		List<Run> shown = library.shown();
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(RunExport.HEADER + "\n");
			for (Run run : shown) {
				RunExport.writeRows(run, shown.size() > 1 ? run.name() + ": " : "", out);
			}
		}
	}

	/**
	 * Saves what the chart area shows as a PNG image (on the UI thread): the signal chart, the grid of metric charts,
	 * or both.
	 */
	public void exportPng(Path file) {
		Control shown = sash.getMaximizedControl();
		if (shown == chart) {
			chart.save(file.toString(), SWT.IMAGE_PNG);
			return;
		}
		Control area = shown == null ? sash : shown;
		org.eclipse.swt.graphics.Point size = area.getSize();
		org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(area.getDisplay(), Math.max(1, size.x),
				Math.max(1, size.y));
		GC gc = new GC(area);
		try {
			gc.copyArea(image, 0, 0);
			org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			loader.save(file.toString(), SWT.IMAGE_PNG);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	/** The area a PNG export shows now (the signal chart, the grid, or both), for tests. */
	public Control shownArea() {
		Control shown = sash.getMaximizedControl();
		return shown == null ? sash : shown;
	}

	@Focus
	public void setFocus() {
		chart.setFocus();
	}

	@PreDestroy
	public void dispose() {
		controller.removeListener(frameRequests);
		preferences.removePreferenceChangeListener(chartPreferences);
	}

	/** The follow window, the frame rate cap and the line width from the preferences (a value out of range: the default). */
	private void applyChartPreferences() {
		signal.setWindowSeconds(RunPreferences.intIn(preferences, RunPreferences.CHART_FOLLOW_SECONDS, 1,
				RunPreferences.MAX_FOLLOW_SECONDS, RunPreferences.DEFAULT_FOLLOW_SECONDS));
		frameIntervalMillis = 1000 / RunPreferences.intIn(preferences, RunPreferences.CHART_FRAMES_PER_SECOND, 1,
				RunPreferences.MAX_FRAMES_PER_SECOND, RunPreferences.DEFAULT_FRAMES_PER_SECOND);
		pacer.setMinInterval(frameIntervalMillis);
		signal.setLineWidth(RunPreferences.intIn(preferences, RunPreferences.CHART_LINE_WIDTH, 1,
				RunPreferences.MAX_LINE_WIDTH, RunPreferences.DEFAULT_LINE_WIDTH));
		if (historyItem != null) {
			historyItem.setToolTipText("Show the whole history instead of the last " + (int) signal.windowSeconds() + " s");
		}
	}

	/** Preferences &gt; Chirp &gt; Appearance chose another theme: SWTChart does not read CSS, so its colours follow here. */
	@jakarta.inject.Inject
	@org.eclipse.e4.core.di.annotations.Optional
	public void themeChanged(@org.eclipse.e4.ui.di.UIEventTopic(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.Events.THEME_CHANGED) org.osgi.service.event.Event event) {
		Object theme = event.getProperty(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.Events.THEME);
		if (theme instanceof org.eclipse.e4.ui.css.swt.theme.ITheme t && chart != null && !chart.isDisposed()) {
			applyScheme(ChartStyle.Scheme.ofTheme(t.getId()));
		}
	}

	private void applyScheme(ChartStyle.Scheme chosen) {
		scheme = chosen;
		ChartStyle.applyTo(chart, chosen);
		grid.setScheme(chosen);
		pacer.request();
	}

	/** The colours the charts have now, for tests. */
	public ChartStyle.Scheme scheme() {
		return scheme;
	}

	/** The seconds the chart shows while following, for tests. */
	public double followSeconds() {
		return signal.windowSeconds();
	}

	/** The signal line's width, for tests. */
	public int signalLineWidth() {
		return signal.lineWidth();
	}

	/** The chart widget, for tests. */
	public Chart getChart() {
		return chart;
	}
}
