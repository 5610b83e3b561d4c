package io.chirp.ui.charts;

import java.text.Format;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.chirp.core.model.MetricSeries;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.source.MetricPoint;

/**
 * The metrics of a run as a grid of small charts, one per group ({@link MetricGroups}): the grid reflows as groups
 * appear, a chart can be enlarged to fill it, a filter narrows it to the metrics whose names match, hidden metrics
 * stay in their legend to be shown again. One smoothing and one x axis for all charts. UI thread only.
 */
public final class MetricGrid implements MetricChart.Host {

	/** Most charts shown at once: more would leave each too small to read; the filter narrows a big run. */
	public static final int MAX_CHARTS = 24;
	/**
	 * How many charts may take new ranges in one frame (a layout of a chart measures every tick label, ~2 ms under
	 * Xvfb): the charts of a run reach the edges of their ranges together, and ten of them in one frame made it
	 * 27 ms. The others keep their ranges a frame or two longer; their data is still inside them.
	 */
	static final int LAYOUTS_PER_FRAME = 3;
	/**
	 * How many charts one frame draws when they only got new points: GTK paints every chart a frame damaged in one
	 * go, which holds the UI thread (ten charts of a streaming run: 5-8 ms under Xvfb, most of it waiting for the X
	 * server). The others are drawn by the next frames, in turns, so each chart still moves several times a second;
	 * a chart whose settings, size or zoom changed is drawn at once.
	 */
	static final int DRAWS_PER_FRAME = 4;
	/**
	 * The least size of a chart in the grid: its title, x axis and legend take ~100 px, and a dozen charts squeezed
	 * into the chart area left their plots no height at all. More charts than fit make the grid scroll.
	 */
	static final int MIN_CHART_WIDTH = 260;
	static final int MIN_CHART_HEIGHT = 160;

	/** Told when the user changes what is remembered (hidden metrics). */
	public interface Listener {
		void hiddenChanged(Set<String> hidden);

		void exportCsvRequested();

		/** A chart's settings, zoom or size changed: draw a frame even when no data comes (a stopped run). */
		void redrawRequested();
	}

	private final Composite area;
	private final Label header;
	private final org.eclipse.swt.custom.ScrolledComposite scroller;
	private final Composite cells;
	/** Within {@link #layout}: the resizes it makes do not start it again. */
	private boolean layingOut;
	private final Listener listener;
	private final Map<String, MetricChart> charts = new LinkedHashMap<>();
	private io.chirp.ui.parts.ChartStyle.Scheme scheme = io.chirp.ui.parts.ChartStyle.Scheme.LIGHT;
	private final Map<String, Color> colours = new LinkedHashMap<>();
	private final Set<String> hidden = new HashSet<>();
	private List<String> shownGroups = List.of();
	private List<RunModel> models = List.of();
	private List<Shown> runs = List.of();
	private String runName = "";
	private String enlarged;
	private double smoothing;
	private XAxis xAxis = XAxis.STEP;
	private Predicate<String> matches = name -> true;
	/** The chart (by grid position) a frame draws first: the first one the frame before put off. */
	private int firstToDraw;

	/** The colours of the workbench's theme, for every chart now and later. */
	public void setScheme(io.chirp.ui.parts.ChartStyle.Scheme scheme) {
		this.scheme = scheme;
		charts.values().forEach(c -> c.setScheme(scheme));
	}

	public MetricGrid(Composite parent, Listener listener) {
		this.listener = listener;
		area = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginWidth = 0;
		layout.marginHeight = 0;
		area.setLayout(layout);
		header = new Label(area, SWT.NONE);
		header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		scroller = new org.eclipse.swt.custom.ScrolledComposite(area, SWT.V_SCROLL);
		scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		cells = new Composite(scroller, SWT.NONE);
		cells.setLayout(new GridLayout(1, true));
		scroller.setContent(cells);
		scroller.getVerticalBar().setIncrement(40);
		scroller.addListener(SWT.Resize, e -> {
			if (!layingOut) {
				layout(); // columns by the width there is
			}
		});
	}

	public Composite control() {
		return area;
	}

	/** One run the grid draws: its data, its name in legends, its colour when runs are overlaid. */
	public record Shown(RunModel model, String name, Color colour) {
	}

	/** Draws {@code model}'s metrics; a new model starts the grid over. */
	public void show(RunModel shown, String title) {
		show(List.of(new Shown(shown, "", null)), title);
	}

	/**
	 * Draws the metrics of {@code shownRuns}: one run's metrics in colours of their own; several runs overlaid, the
	 * same metric of each run in the same chart, in the run's colour (a second metric of a group, such as
	 * {@code val_loss} beside {@code loss}, in a darker shade of it), named "metric · run" in the legend. Another set of
	 * runs starts the grid over.
	 */
	public void show(List<Shown> shownRuns, String title) {
		runName = title;
		runs = List.copyOf(shownRuns);
		List<RunModel> models = shownRuns.stream().map(Shown::model).toList();
		boolean overlay = shownRuns.size() > 1;
		if (!models.equals(this.models)) {
			this.models = models;
			charts.values().forEach(MetricChart::dispose);
			charts.clear();
			colours.clear();
			shownGroups = List.of();
			enlarged = null;
		}
		// the metrics of all runs, in the order they first appear
		java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
		long points = 0;
		for (Shown run : shownRuns) {
			all.addAll(run.model().metricNames());
			points += run.model().metricPoints();
		}
		List<String> names = List.copyOf(all);
		names.forEach(n -> colours.computeIfAbsent(n, k -> Palette.colour(colours.size())));
		List<String> matching = names.stream().filter(matches).toList();
		Map<String, List<String>> groups = MetricGroups.group(matching);
		List<String> wanted = new ArrayList<>(groups.keySet());
		int beyond = Math.max(0, wanted.size() - MAX_CHARTS);
		if (beyond > 0) {
			wanted = wanted.subList(0, MAX_CHARTS);
		}
		if (!wanted.equals(shownGroups)) {
			arrange(wanted);
		}
		int layoutsLeft = LAYOUTS_PER_FRAME;
		int drawsLeft = DRAWS_PER_FRAME;
		boolean putOff = false;
		int first = wanted.isEmpty() ? 0 : Math.floorMod(firstToDraw, wanted.size());
		int firstPutOff = -1;
		for (int k = 0; k < wanted.size(); k++) {
			int index = (first + k) % wanted.size(); // in turns: the chart put off first last time begins
			String group = wanted.get(index);
			List<MetricChart.Metric> metrics = new ArrayList<>();
			String axisName = null;
			for (Shown run : shownRuns) {
				int inGroup = 0;
				for (String name : groups.get(group)) {
					MetricSeries series = run.model().metricSeries(name);
					if (series == null) {
						continue;
					}
					axisName = axisName == null ? run.model().metricAxis(name) : axisName;
					List<SeriesBuffer> segments = xAxis == XAxis.STEP ? series.segments() : List.of(series.byTime());
					double offset = xAxis == XAxis.WALL_CLOCK ? run.model().startEpochMillis() / 1000.0 : 0;
					String label = overlay ? name + " \u00b7 " + run.name() : name;
					Color colour = overlay ? shade(run.colour(), inGroup) : colours.get(name);
					metrics.add(new MetricChart.Metric(label, colour, segments, offset));
					inGroup++;
				}
			}
			MetricChart.Frame frame = charts.get(group).update(metrics, xTitle(axisName), xFormat(), smoothing, hidden,
					layoutsLeft > 0, drawsLeft > 0);
			switch (frame) {
				case LAID_OUT -> {
					layoutsLeft--;
					drawsLeft--;
				}
				case PLOT -> drawsLeft--;
				case LAYOUT_PUT_OFF -> {
					drawsLeft--;
					putOff = true;
				}
				case PUT_OFF -> {
					putOff = true;
					firstPutOff = firstPutOff < 0 ? index : firstPutOff;
				}
				case SKIPPED -> {
					// nothing new
				}
			}
		}
		firstToDraw = firstPutOff < 0 ? first : firstPutOff;
		if (putOff) {
			listener.redrawRequested(); // the charts put off (new points, new ranges) are drawn by the next frames
		}
		int hiddenByFilter = names.size() - matching.size();
		StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d %s in %d %s, %,d points", runName,
				names.size(), names.size() == 1 ? "metric" : "metrics", wanted.size(), wanted.size() == 1 ? "chart" : "charts",
				points));
		if (hiddenByFilter > 0) {
			text.append(String.format(Locale.ROOT, "; %d not matching the filter", hiddenByFilter));
		}
		if (beyond > 0) {
			text.append(String.format(Locale.ROOT, "; %d more charts not shown: narrow the filter", beyond));
		}
		header.setText(text.toString());
	}

	/** The run's colour for the first metric of a group, darker shades for the next ones. */
	private final Map<Long, Color> shades = new java.util.HashMap<>();

	private Color shade(Color colour, int k) {
		if (k == 0 || colour == null) {
			return colour;
		}
		long key = ((long) colour.getRGB().hashCode() << 8) | Math.min(k, 3);
		return shades.computeIfAbsent(key, x -> {
			double f = Math.pow(0.6, Math.min(k, 3));
			var rgb = colour.getRGB();
			return new Color((int) (rgb.red * f), (int) (rgb.green * f), (int) (rgb.blue * f));
		});
	}

	private String xTitle(String axis) {
		return switch (xAxis) {
		case STEP -> axis == null ? "" : Character.toUpperCase(axis.charAt(0)) + axis.substring(1);
		case RUN_TIME -> MetricPoint.TIME_AXIS;
		case WALL_CLOCK -> "Time of day";
		};
	}

	private Format xFormat() {
		return xAxis == XAxis.WALL_CLOCK ? XAxis.TIME_OF_DAY : XAxis.NUMBER;
	}

	/** Makes the charts of {@code wanted} (keeping those already there) and lays them out. */
	private void arrange(List<String> wanted) {
		for (String gone : new ArrayList<>(charts.keySet())) {
			if (!wanted.contains(gone)) {
				charts.remove(gone).dispose();
			}
		}
		for (String group : wanted) {
			charts.computeIfAbsent(group, g -> {
				MetricChart made = new MetricChart(cells, g, this);
				made.setScheme(scheme);
				return made;
			});
		}
		// creation order is the order in the grid: move them into the order of the groups
		MetricChart previous = null;
		for (String group : wanted) {
			MetricChart chart = charts.get(group);
			if (previous == null) {
				chart.chart().moveAbove(null);
			} else {
				chart.chart().moveBelow(previous.chart());
			}
			previous = chart;
		}
		if (enlarged != null && !wanted.contains(enlarged)) {
			enlarged = null;
		}
		shownGroups = List.copyOf(wanted);
		layout();
	}

	private void layout() {
		layingOut = true;
		try {
			layOutCells();
		} finally {
			layingOut = false;
		}
	}

	private void layOutCells() {
		int shown = enlarged != null ? 1 : shownGroups.size();
		GridLayout grid = (GridLayout) cells.getLayout();
		// the width a vertical scroll bar leaves: charts that need one must fit beside it
		int width = scroller.getClientArea().width
				- (scroller.getVerticalBar().isVisible() ? 0 : scroller.getVerticalBar().getSize().x);
		int columns = Math.max(1, Math.min(4, (int) Math.ceil(Math.sqrt(shown))));
		if (width > 0) {
			Point chrome = chrome();
			columns = columns(shown, width - 2 * grid.marginWidth, scroller.getClientArea().height - 2 * grid.marginHeight,
					grid.horizontalSpacing, chrome.x, chrome.y);
		}
		grid.numColumns = columns;
		for (MetricChart chart : charts.values()) {
			boolean visible = enlarged == null || enlarged.equals(chart.group());
			GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
			data.exclude = !visible;
			data.minimumHeight = MIN_CHART_HEIGHT;
			chart.chart().setLayoutData(data);
			chart.chart().setVisible(visible);
		}
		int rows = Math.max(1, (shown + columns - 1) / columns);
		// fills the area while the charts fit; taller than it (a scroll bar) once they would be smaller than that
		scroller.setMinHeight(rows * MIN_CHART_HEIGHT + (rows - 1) * grid.verticalSpacing + 2 * grid.marginHeight);
		cells.layout(true, true);
		area.layout(true, true);
	}

	/**
	 * How many columns {@code shown} charts take in an area {@code width} x {@code height}: the count (at most four,
	 * each chart at least {@link #MIN_CHART_WIDTH} wide) whose plots are largest, a plot's width counted up to
	 * 2.5 times its height and its height up to its width (a plot 360 x 45 px shows a curve no better than one 112 x
	 * 45). A square-ish grid put three charts in two rows of the chart area beside the Runs view (~820 x 370 px):
	 * plots ~360 x 43 px beside an empty cell, where three columns give ~220 x 220. On a tie, fewer rows, then fewer
	 * columns.
	 *
	 * @param chromeWidth what a chart takes around its plot across (the y axis's labels), in pixels
	 * @param chromeHeight what it takes around its plot down (title, x axis, legend)
	 */
	static int columns(int shown, int width, int height, int spacing, int chromeWidth, int chromeHeight) {
		int fit = Math.max(1, (width + spacing) / (MIN_CHART_WIDTH + spacing));
		int best = 1;
		long bestScore = -1;
		int bestRows = Integer.MAX_VALUE;
		for (int columns = 1; columns <= Math.min(4, Math.min(fit, Math.max(1, shown))); columns++) {
			int rows = (shown + columns - 1) / columns;
			int cellWidth = (width - (columns - 1) * spacing) / columns;
			int cellHeight = Math.max(MIN_CHART_HEIGHT, (height - (rows - 1) * spacing) / Math.max(1, rows));
			long plotWidth = Math.max(0, cellWidth - chromeWidth);
			long plotHeight = Math.max(0, cellHeight - chromeHeight);
			long score = Math.min(plotWidth, plotHeight * 5 / 2) * Math.min(plotHeight, plotWidth);
			if (score > bestScore || score == bestScore && rows < bestRows) {
				best = columns;
				bestScore = score;
				bestRows = rows;
			}
		}
		return best;
	}

	/** What a chart of the grid takes around its plot, measured on one laid out, else as the usual fonts make it. */
	private Point chrome() {
		for (MetricChart chart : charts.values()) {
			Point size = chart.chart().getSize();
			Point plot = chart.chart().getPlotArea().getSize();
			if (chart.chart().isVisible() && plot.x > 0 && plot.y > 0) {
				return new Point(size.x - plot.x, size.y - plot.y);
			}
		}
		return new Point(50, 125);
	}

	@Override
	public void toggleHidden(String metric) {
		if (!hidden.remove(metric)) {
			hidden.add(metric);
		}
		listener.hiddenChanged(Set.copyOf(hidden));
		if (!runs.isEmpty()) {
			show(runs, runName);
		}
	}

	@Override
	public void toggleEnlarged(MetricChart chart) {
		enlarged = chart.group().equals(enlarged) ? null : chart.group();
		layout();
		listener.redrawRequested(); // new sizes: the lines at the new resolution
	}

	@Override
	public void exportCsv() {
		listener.exportCsvRequested();
	}

	@Override
	public void redrawRequested() {
		listener.redrawRequested();
	}

	public void setSmoothing(double weight) {
		smoothing = Math.max(0, Math.min(Smoothing.MAX_WEIGHT, weight));
	}

	public void setXAxis(XAxis axis) {
		if (axis != xAxis) {
			xAxis = axis;
			charts.values().forEach(MetricChart::resetZoom); // another axis: the old zoom means nothing there
		}
	}

	/**
	 * Shows only the metrics whose name contains {@code text} (any case) or matches it as a regular expression;
	 * empty shows all.
	 */
	public void setFilter(String text) {
		String filter = text == null ? "" : text.strip();
		if (filter.isEmpty()) {
			matches = name -> true;
			return;
		}
		String lower = filter.toLowerCase(Locale.ROOT);
		Predicate<String> substring = name -> name.toLowerCase(Locale.ROOT).contains(lower);
		try {
			Pattern pattern = Pattern.compile(filter, Pattern.CASE_INSENSITIVE);
			matches = substring.or(name -> pattern.matcher(name).find());
		} catch (PatternSyntaxException e) {
			matches = substring; // "loss(" is not a regular expression, but still a fine substring
		}
	}

	public void setHidden(Set<String> names) {
		hidden.clear();
		hidden.addAll(names);
	}

	public Set<String> hidden() {
		return Set.copyOf(hidden);
	}

	/** The chart of a group, or null when it is not shown. */
	public MetricChart chart(String group) {
		return charts.get(group);
	}

	/** The groups shown, in grid order. */
	public List<String> groups() {
		return shownGroups;
	}

	/** The enlarged group, or null. */
	public String enlarged() {
		return enlarged;
	}

	public String headerText() {
		return header.getText();
	}
}
