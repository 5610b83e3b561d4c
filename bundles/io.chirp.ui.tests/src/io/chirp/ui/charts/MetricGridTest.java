package io.chirp.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.RefinedBatch;
import io.chirp.core.model.RunModel;
import io.chirp.core.source.MetricPoint;
import io.chirp.core.source.RawBatch;

/** The metric grid on a real Display, fed a run model directly as the receiver feeds it. */
class MetricGridTest {

	private Display display;
	private Shell shell;
	private MetricGrid grid;
	private final List<Set<String>> hiddenSaved = new ArrayList<>();
	private int redraws;
	private RunModel model;
	private long sequence;

	@BeforeEach
	void open() {
		// one Display for all UI tests of this JVM: SWTChart keeps fonts made on the first one
		display = Display.getDefault();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(1200, 800);
		grid = new MetricGrid(shell, new MetricGrid.Listener() {
			@Override
			public void hiddenChanged(Set<String> hidden) {
				hiddenSaved.add(hidden);
			}

			@Override
			public void exportCsvRequested() {
			}

			@Override
			public void redrawRequested() {
				redraws++;
			}
		});
		shell.open();
		model = new RunModel(1000);
	}

	@AfterEach
	void close() {
		shell.dispose();
	}

	private void store(MetricPoint... points) {
		model.store(RawBatch.ofMetrics(sequence++, List.of(points)),
				new RefinedBatch(sequence, 0, Double.NaN, System.nanoTime(), null, 0, 0, System.nanoTime()));
	}

	private static MetricPoint at(String name, double step, double value) {
		return new MetricPoint(name, "step", step, value);
	}

	private void draw() {
		grid.show(model, "test");
		while (display.readAndDispatch()) {
			// let layout and paint happen, as between two frames
		}
	}

	@Test
	void aMetricAndItsValidationCounterpartShareAChartAndEverythingElseHasItsOwn() {
		for (int step = 1; step <= 5; step++) {
			store(at("loss", step, 2.0 / step), at("acc", step, 0.5 + step / 20.0), at("lr", step, 1e-3),
					at("train/f1", step, 0.4), at("eval-logloss", step, 0.7), at("train-logloss", step, 0.6));
		}
		store(at("val_loss", 5, 0.5), at("val/f1", 5, 0.5));
		draw();
		assertEquals(List.of("loss", "acc", "lr", "f1", "logloss"), grid.groups());
		assertEquals("lr", grid.chart("lr").chart().getTitle().getText());
		assertNotNull(grid.chart("loss").values("val_loss", false), "val_loss drawn in the loss chart");
		assertNull(grid.chart("acc").values("loss", false));
		assertEquals("test: 8 metrics in 5 charts, 32 points", grid.headerText());
	}

	@Test
	void groupingStripsTheCommonPrefixesAndSuffixesOnly() {
		assertEquals("loss", MetricGroups.groupOf("val_loss"));
		assertEquals("loss", MetricGroups.groupOf("eval_loss")); // Hugging Face
		assertEquals("accuracy", MetricGroups.groupOf("val_accuracy")); // Keras
		assertEquals("l2", MetricGroups.groupOf("valid_0/l2")); // LightGBM
		assertEquals("error", MetricGroups.groupOf("test-error"));
		assertEquals("loss", MetricGroups.groupOf("loss_val"));
		assertEquals("lr", MetricGroups.groupOf("lr"));
		assertEquals("loss", MetricGroups.groupOf("val loss")); // hand-written: "train loss: 0.5, val loss: 0.6"
		assertEquals("Loss", MetricGroups.groupOf("Train Loss"));
		assertEquals("score", MetricGroups.groupOf("Validation score")); // scikit-learn's MLP
		assertEquals("loss", MetricGroups.groupOf("loss test"));
		// PyTorch's MNIST example: "Loss" per batch, "Test loss" per epoch: one chart, named as first spelled
		assertEquals(java.util.Map.of("Loss", List.of("Loss", "Test loss"), "acc", List.of("acc")),
				MetricGroups.group(List.of("Loss", "Test loss", "acc")));
		assertEquals("test", MetricGroups.groupOf("test"), "a name that is only a prefix stays itself");
		assertEquals("validate_every", MetricGroups.groupOf("validate_every"), "a word that merely starts like one");
	}

	@Test
	void theTickLabelsFollowTheRange() {
		shell.setSize(900, 420);
		for (int step = 1; step <= 200; step++) {
			store(at("loss", step, 1.0 / step), at("acc", step, step / 200.0));
			if (step % 25 == 0) {
				store(new MetricPoint("val_loss", "step", step, 1.0 / step));
			}
			if (step % 20 == 0) {
				draw(); // frames while the run grows, as live
			}
		}
		store(at("lr", 100, 1e-3));
		store(at("loss", 201, 0.005), at("acc", 201, 1));
		draw();
		for (String group : grid.groups()) {
			var axis = grid.chart(group).chart().getAxisSet().getXAxis(0);
			double[] ticks = axis.getTick().getTickLabelValues();
			assertTrue(ticks.length > 1);
			assertTrue(ticks[ticks.length - 1] > 150 || group.equals("lr"), group + " " + java.util.Arrays.toString(ticks));
		}
	}

	@Test
	void aChartWhoseMetricsGotNothingNewIsNotDrawnAgain() {
		store(at("loss", 1, 1), at("lr", 1, 1e-3));
		draw();
		draw(); // the first frame came before the new charts were laid out: their size changed since
		long lossFrames = grid.chart("loss").frames();
		long lrFrames = grid.chart("lr").frames();
		store(at("loss", 2, 0.5)); // the loss goes on, the learning rate stays
		draw();
		assertEquals(lossFrames + 1, grid.chart("loss").frames());
		assertEquals(lrFrames, grid.chart("lr").frames(), "nothing new for lr: no work");
		grid.setSmoothing(0.3);
		draw();
		assertEquals(lrFrames + 1, grid.chart("lr").frames(), "a setting it shows changed: drawn again");
	}

	@Test
	void theXAxisShowsTheStepsOfTheData() {
		for (int step = 10; step <= 50; step += 10) {
			store(at("loss", step, 1.0 / step));
		}
		draw();
		Range x = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
		// the data's steps, with room on the right for the steps to come
		assertTrue(x.lower <= 10 && x.lower > 8 && x.upper >= 50 && x.upper <= 56, x.lower + ".." + x.upper);
		assertEquals("Step", grid.chart("loss").chart().getAxisSet().getXAxis(0).getTitle().getText());
	}

	@Test
	void aGrowingRunKeepsItsXRangeWhileItsPointsStayInsideIt() {
		for (int step = 0; step < 1000; step++) {
			store(at("loss", step, 1.0 / (step + 1)));
		}
		draw();
		Range first = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
		// a few more steps, well inside the room on the right: the same range (no new layout of the chart), though
		// the margin around the data grows with it
		for (int step = 1000; step < 1040; step++) {
			store(at("loss", step, 1.0 / (step + 1)));
			draw();
			Range now = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
			assertEquals(first.lower, now.lower, "lower end after step " + step);
			assertEquals(first.upper, now.upper, "upper end after step " + step);
		}
		// past the room: a new range that holds the data again
		for (int step = 1040; step < 1200; step++) {
			store(at("loss", step, 1.0 / (step + 1)));
		}
		draw();
		Range later = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
		assertTrue(later.upper >= 1199 && later.lower <= 0, later.lower + ".." + later.upper);
	}

	@Test
	void chartsReachingTheirEdgesTogetherTakeTheirNewRangesAFewPerFrame() {
		List<String> names = List.of("loss", "acc", "f1", "auc", "lr", "grad");
		for (int step = 0; step < 1000; step++) {
			for (String name : names) {
				store(at(name, step, 1.0 / (step + 1)));
			}
		}
		draw(); // the first ranges of every chart, all in this frame
		for (String name : names) {
			assertTrue(grid.chart(name).chart().getAxisSet().getXAxis(0).getRange().upper >= 999, name + " laid out");
		}
		for (int step = 1000; step < 1300; step++) { // past the room on the right, in every chart at once
			for (String name : names) {
				store(at(name, step, 1.0 / (step + 1)));
			}
		}
		int redrawsBefore = redraws;
		draw();
		long moved = names.stream()
				.filter(n -> grid.chart(n).chart().getAxisSet().getXAxis(0).getRange().upper >= 1299).count();
		assertEquals(MetricGrid.LAYOUTS_PER_FRAME, moved, "charts given their new range in this frame");
		assertTrue(redraws > redrawsBefore, "another frame asked for the others");
		draw();
		draw();
		for (String name : names) {
			assertTrue(grid.chart(name).chart().getAxisSet().getXAxis(0).getRange().upper >= 1299,
					name + " has its new range two frames later");
		}
	}

	@Test
	void newPointsInManyChartsAreDrawnAFewChartsPerFrameInTurns() {
		List<String> names = List.of("loss", "acc", "f1", "auc", "lr", "grad", "wd", "mom", "tok", "gpu");
		for (int step = 0; step < 100; step++) {
			for (String name : names) {
				store(at(name, step, 1.0 / (step + 1)));
			}
		}
		draw(); // the first frame of each chart, all at once
		for (String name : names) {
			assertEquals(1, grid.chart(name).frames(), name + " drawn when it appeared");
		}
		draw(); // and again at the size the grid's layout gave it
		java.util.Map<String, Long> before = new java.util.HashMap<>();
		names.forEach(n -> before.put(n, grid.chart(n).frames()));
		for (int step = 100; step < 105; step++) { // new points, inside every chart's ranges (no layout)
			for (String name : names) {
				store(at(name, step, 0.5));
			}
		}
		int redrawsBefore = redraws;
		draw();
		List<String> drawn = names.stream().filter(n -> grid.chart(n).frames() == before.get(n) + 1).toList();
		assertEquals(MetricGrid.DRAWS_PER_FRAME, drawn.size(), "charts drawn by this frame: " + drawn);
		assertTrue(redraws > redrawsBefore, "another frame asked for the others");
		draw();
		List<String> next = names.stream().filter(n -> grid.chart(n).frames() == before.get(n) + 1).toList();
		assertEquals(2 * MetricGrid.DRAWS_PER_FRAME, next.size(), "the next frame draws others, not the same again: " + next);
		draw();
		for (String name : names) {
			assertEquals(before.get(name) + 1, grid.chart(name).frames(), name + " drawn once by the three frames");
			double[] xs = grid.chart(name).xValues(name);
			assertEquals(104, xs[xs.length - 1], name + " shows the newest point");
		}
		int quietRedraws = redraws;
		draw();
		assertEquals(quietRedraws, redraws, "nothing left to draw: no frame asked for");
		// a setting changes every chart at once, in one frame
		grid.setSmoothing(0.5);
		draw();
		for (String name : names) {
			assertEquals(before.get(name) + 2, grid.chart(name).frames(), name + " smoothed in the same frame");
		}
	}

	/** examples/train.py's metrics: loss and val_loss, acc and val_acc, lr: three charts. */
	private void storeTraining(String... more) {
		for (int step = 0; step < 180; step++) {
			store(at("loss", step, 2.3 * Math.exp(-step / 60.0) + 0.1), at("val_loss", step, 2.2 * Math.exp(-step / 60.0) + 0.15),
					at("acc", step, 0.95 - 0.85 * Math.exp(-step / 50.0)), at("lr", step, 1e-3));
			for (String name : more) {
				store(at(name, step, Math.sin(step / 9.0)));
			}
		}
	}

	@Test
	void threeChartsInAWideAreaStandSideBySideWithTallPlots() {
		shell.setSize(840, 400); // the chart area beside the Runs view, as the product opens on a 1400 x 950 screen
		storeTraining();
		draw();
		draw();
		int lossY = grid.chart("loss").chart().getLocation().y;
		for (String name : List.of("loss", "acc", "lr")) {
			assertEquals(lossY, grid.chart(name).chart().getLocation().y, name + " in the one row");
			int plotHeight = grid.chart(name).chart().getPlotArea().getSize().y;
			assertTrue(plotHeight >= 150, name + "'s plot is " + plotHeight + " px high");
		}
	}

	@Test
	void theColumnsAreThoseGivingTheLargestPlots() {
		// width, height, spacing, chrome across, chrome down (as a chart of the grid measures)
		assertEquals(3, MetricGrid.columns(3, 820, 370, 5, 50, 125), "three side by side, not two rows with a gap");
		assertEquals(2, MetricGrid.columns(3, 780, 370, 5, 50, 125), "unless three would be narrower than the least");
		assertEquals(2, MetricGrid.columns(2, 820, 370, 5, 50, 125));
		assertEquals(2, MetricGrid.columns(4, 820, 370, 5, 50, 125), "four as two by two");
		assertEquals(1, MetricGrid.columns(1, 820, 370, 5, 50, 125));
		assertEquals(1, MetricGrid.columns(0, 820, 370, 5, 50, 125));
		assertEquals(4, MetricGrid.columns(10, 1200, 800, 5, 50, 125), "ten in a large area: four columns");
		assertEquals(3, MetricGrid.columns(12, 800, 400, 5, 50, 125), "as many as fit when the grid scrolls anyway");
		assertEquals(1, MetricGrid.columns(3, 300, 900, 5, 50, 125), "a narrow area: one column");
		assertEquals(1, MetricGrid.columns(3, 100, 100, 5, 50, 125), "an area smaller than a chart: one column");
	}

	@Test
	void aSmallChartsValuesCanBeReadOffItsYAxis() {
		shell.setSize(840, 400);
		storeTraining("f1", "auc", "grad_norm"); // six charts: two rows, plots of ~50 px
		draw();
		draw();
		MetricChart loss = grid.chart("loss");
		int plotHeight = loss.chart().getPlotArea().getSize().y;
		assertTrue(plotHeight < 80, "a small plot: " + plotHeight + " px");
		double[] ticks = loss.chart().getAxisSet().getYAxis(0).getTick().getTickLabelValues();
		assertTrue(ticks.length >= 3, "a loss from 2.4 to 0.2 in a " + plotHeight + " px plot: y ticks " + java.util.Arrays.toString(ticks));
	}

	@Test
	void manyChartsInASmallAreaKeepTheirPlotsReadableAndTheGridScrolls() {
		shell.setSize(800, 400);
		List<String> names = List.of("loss", "acc", "f1", "auc", "lr", "grad", "wd", "mom", "tok", "gpu", "mem", "rec");
		for (int step = 0; step < 50; step++) {
			for (String name : names) {
				store(at(name, step, 1.0 / (step + 1)));
			}
		}
		draw();
		draw();
		for (String name : names) {
			org.eclipse.swt.graphics.Point size = grid.chart(name).chart().getSize();
			assertTrue(size.y >= MetricGrid.MIN_CHART_HEIGHT && size.x >= MetricGrid.MIN_CHART_WIDTH,
					name + " is " + size + ", squeezed");
			assertTrue(grid.chart(name).chart().getPlotArea().getSize().y >= 40,
					name + "'s plot is " + grid.chart(name).chart().getPlotArea().getSize().y + " px high");
		}
		Control content = grid.chart("loss").chart().getParent();
		assertTrue(content.getSize().y > content.getParent().getSize().y, "taller than the area: it scrolls");
		// a few charts fill the area as before, no scrolling
		model = new RunModel(1000);
		for (int step = 0; step < 50; step++) {
			store(at("loss", step, 1.0 / (step + 1)), at("acc", step, step / 50.0));
		}
		draw();
		draw();
		content = grid.chart("loss").chart().getParent();
		assertEquals(content.getParent().getSize().y, content.getSize().y, "two charts fill the area");
		assertTrue(grid.chart("loss").chart().getSize().y > MetricGrid.MIN_CHART_HEIGHT, "and are taller than the least");
	}

	@Test
	void timeSinceStartAndWallClockAreOtherAxes() {
		store(at("loss", 100, 0.5));
		store(at("loss", 200, 0.4));
		grid.setXAxis(XAxis.RUN_TIME);
		draw();
		Range x = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
		assertTrue(x.lower < 1 && x.upper < 10, "seconds since the start, not steps: " + x.lower + ".." + x.upper);
		assertEquals(MetricPoint.TIME_AXIS, grid.chart("loss").chart().getAxisSet().getXAxis(0).getTitle().getText());
		grid.setXAxis(XAxis.WALL_CLOCK);
		draw();
		x = grid.chart("loss").chart().getAxisSet().getXAxis(0).getRange();
		double now = System.currentTimeMillis() / 1000.0;
		assertTrue(Math.abs(x.lower - now) < 60 && Math.abs(x.upper - now) < 60, "seconds since 1970: " + x.lower);
		assertEquals(XAxis.TIME_OF_DAY, grid.chart("loss").chart().getAxisSet().getXAxis(0).getTick().getFormat());
		assertTrue(XAxis.TIME_OF_DAY.format(now).matches("\\d\\d:\\d\\d:\\d\\d"));
	}

	@Test
	void smoothingDrawsTheDebiasedAverageOverTheFaintRawLine() {
		double[] values = { 1, 3, 2, 4, 3 };
		for (int i = 0; i < values.length; i++) {
			store(at("loss", i + 1, values[i]));
		}
		grid.setSmoothing(0.5);
		draw();
		MetricChart chart = grid.chart("loss");
		double[] raw = chart.values("loss", false);
		double[] smoothed = chart.values("loss", true);
		assertArrayEquals(values, raw, "the raw line is kept");
		// TensorBoard: s1 = 0.5*1 / (1-0.5) = 1; s2 = (0.25 + 1.5) / 0.75 = 2.3333...
		assertEquals(1.0, smoothed[0], 1e-12);
		assertEquals(1.75 / 0.75, smoothed[1], 1e-12);
		assertArrayEquals(Smoothing.ema(values, 5, 0.5), smoothed, 1e-12);
		assertTrue(chart.lineColour("loss", false).getRGB().red > chart.lineColour("loss", true).getRGB().red,
				"the raw line is fainter");
		grid.setSmoothing(0);
		draw();
		assertEquals(0, chart.values("loss", true).length, "no smoothing: the raw line alone");
	}

	@Test
	void aLogScaleLeavesOutValuesAtOrBelowZeroAndCountsThem() {
		store(at("loss", 1, 10), at("loss", 2, 0), at("loss", 3, -1), at("loss", 4, 0.1));
		draw();
		MetricChart chart = grid.chart("loss");
		int before = redraws;
		chart.setLog(true);
		assertEquals(before + 1, redraws, "a frame is asked for, even when no data comes (a stopped run)");
		draw();
		assertTrue(chart.chart().getAxisSet().getYAxis(0).isLogScaleEnabled());
		assertArrayEquals(new double[] { 10, 0.1 }, chart.values("loss", false));
		assertEquals(2, chart.leftOut());
		assertTrue(chart.chart().getPlotArea().getControl().getToolTipText().contains("2 values <= 0 left out"));
		chart.setLog(false);
		draw();
		assertFalse(chart.chart().getAxisSet().getYAxis(0).isLogScaleEnabled());
		assertEquals(4, chart.values("loss", false).length);
	}

	@Test
	void allNegativeValuesOnALogScaleShowAnEmptyChartWithoutFailing() {
		store(at("delta", 1, -3), at("delta", 2, -2));
		draw();
		grid.chart("delta").setLog(true);
		draw();
		assertEquals(0, grid.chart("delta").values("delta", false).length);
		Range y = grid.chart("delta").chart().getAxisSet().getYAxis(0).getRange();
		assertTrue(y.lower > 0 && y.upper > y.lower);
	}

	@Test
	void equalValuesAndASinglePointGetARangeAroundThem() {
		store(at("lr", 1, 1e-3), at("one", 7, 5));
		store(at("lr", 2, 1e-3));
		draw();
		Range y = grid.chart("lr").chart().getAxisSet().getYAxis(0).getRange();
		assertTrue(y.lower < 1e-3 && y.upper > 1e-3 && y.upper - y.lower < 1e-3, y.lower + ".." + y.upper);
		Range x = grid.chart("one").chart().getAxisSet().getXAxis(0).getRange();
		assertTrue(x.lower < 7 && x.upper > 7, x.lower + ".." + x.upper);
	}

	@Test
	void theRangeCanStartAtZeroOrIgnoreOutliers() {
		for (int step = 1; step <= 100; step++) {
			store(at("loss", step, step == 1 ? 1e4 : 1 + step / 100.0));
		}
		draw();
		MetricChart chart = grid.chart("loss");
		assertTrue(chart.chart().getAxisSet().getYAxis(0).getRange().upper > 1e4);
		chart.setRangeMode(YRange.Mode.IGNORE_OUTLIERS);
		draw();
		assertTrue(chart.chart().getAxisSet().getYAxis(0).getRange().upper < 3, "the first loss of 1e4 is an outlier");
		chart.setRangeMode(YRange.Mode.FROM_ZERO);
		draw();
		assertEquals(0, chart.chart().getAxisSet().getYAxis(0).getRange().lower);
	}

	@Test
	void theCrosshairGivesEveryVisibleMetricsValueAtTheMouse() {
		for (int step = 1; step <= 10; step++) {
			store(at("loss", step, step / 10.0), at("val_loss", step, step / 5.0));
		}
		grid.setSmoothing(0.5);
		draw();
		MetricChart chart = grid.chart("loss");
		int px = chart.chart().getAxisSet().getXAxis(0).getPixelCoordinate(4);
		Control plot = chart.chart().getPlotArea().getControl();
		Event move = new Event();
		move.x = px;
		move.y = 10;
		plot.notifyListeners(SWT.MouseMove, move);
		String text = plot.getToolTipText();
		assertTrue(text.startsWith("Step 4\n"), "the x of the nearest point: " + text);
		assertTrue(text.contains("loss: 0.400000 (smoothed "), text);
		assertTrue(text.contains("val_loss: 0.800000 (smoothed "), text);
		grid.toggleHidden("val_loss");
		plot.notifyListeners(SWT.MouseMove, move);
		assertFalse(plot.getToolTipText().contains("val_loss"), "a hidden metric is not read out");
	}

	@Test
	void clickingALegendEntryHidesItsMetricAndRemembersIt() {
		store(at("loss", 1, 1), at("val_loss", 1, 2));
		store(at("loss", 2, 0.5), at("val_loss", 2, 1));
		draw();
		MetricChart chart = grid.chart("loss");
		Rectangle entry = chart.legendEntry("val_loss");
		assertNotNull(entry);
		Event click = new Event();
		click.x = entry.x + entry.width / 2;
		click.y = entry.y + entry.height / 2;
		click.button = 1;
		((Control) chart.chart().getLegend()).notifyListeners(SWT.MouseDown, click);
		assertEquals(List.of(Set.of("val_loss")), hiddenSaved);
		assertFalse(chart.isShown("val_loss"));
		assertTrue(chart.isShown("loss"));
		assertNotNull(chart.legendEntry("val_loss"), "still in the legend, to be clicked back");
		((Control) chart.chart().getLegend()).notifyListeners(SWT.MouseDown, click);
		assertTrue(chart.isShown("val_loss"), "a second click shows it again");
	}

	@Test
	void theFilterTakesASubstringOrARegularExpression() {
		store(at("loss", 1, 1), at("val_loss", 1, 1), at("acc", 1, 0.5), at("grad_norm/layer1", 1, 3));
		grid.setFilter("LOSS");
		draw();
		assertEquals(List.of("loss"), grid.groups());
		grid.setFilter("^(acc|grad)");
		draw();
		assertEquals(List.of("acc", "grad_norm/layer1"), grid.groups());
		grid.setFilter("loss(");
		draw();
		assertEquals(List.of(), grid.groups(), "not a regular expression: a substring nothing contains");
		assertTrue(grid.headerText().contains("4 not matching the filter"), grid.headerText());
		grid.setFilter("");
		draw();
		assertEquals(List.of("loss", "acc", "grad_norm/layer1"), grid.groups());
	}

	@Test
	void aChartCanBeEnlargedAndRestored() {
		store(at("loss", 1, 1), at("acc", 1, 0.5), at("lr", 1, 1e-3));
		draw();
		grid.toggleEnlarged(grid.chart("acc"));
		draw();
		assertEquals("acc", grid.enlarged());
		assertFalse(grid.chart("loss").chart().isVisible());
		assertTrue(grid.chart("acc").chart().getSize().x > 1000, "fills the grid");
		grid.toggleEnlarged(grid.chart("acc"));
		draw();
		assertNull(grid.enlarged());
		assertTrue(grid.chart("loss").chart().isVisible());
	}

	@Test
	void twoHundredMetricsShowAsManyChartsAsFitAndSaySo() {
		MetricPoint[] points = new MetricPoint[200];
		for (int i = 0; i < 200; i++) {
			points[i] = at("grad_norm/layer" + i, 1, i);
		}
		store(points);
		draw();
		assertEquals(MetricGrid.MAX_CHARTS, grid.groups().size());
		assertTrue(grid.headerText().contains("176 more charts not shown: narrow the filter"), grid.headerText());
	}

	@Test
	void oddNamesAreShownShortenedWithoutFailing() {
		String longName = "x".repeat(500);
		store(at("loss per sample / batch", 1, 1), at("точность", 1, 0.5), at(longName, 1, 2), at("a/b/c", 1, 3));
		draw();
		assertEquals(4, grid.groups().size());
		String title = grid.chart(longName).chart().getTitle().getText();
		assertEquals(60, title.length());
		assertTrue(title.endsWith("\u2026"));
		assertNotNull(grid.chart("точность"));
	}

	@Test
	void aLongSeriesIsDrawnDecimated() {
		MetricPoint[] points = new MetricPoint[10_000];
		for (int round = 0; round < 100; round++) { // a million points, the model keeps its capacity's worth
			for (int i = 0; i < points.length; i++) {
				int step = round * points.length + i;
				points[i] = at("loss", step, Math.sin(step / 1000.0));
			}
			store(points);
		}
		draw();
		int drawn = grid.chart("loss").values("loss", false).length;
		assertTrue(drawn > 0 && drawn <= 2 * 1200 + 2, drawn + " points drawn for a chart under 1,200 pixels wide");
	}

	@Test
	void aChartThatGrowsIsDrawnAgainAtItsNewWidthThoughNoPointCame() {
		shell.setSize(320, 300);
		MetricPoint[] points = new MetricPoint[20_000];
		for (int step = 0; step < points.length; step++) {
			points[step] = at("loss", step, Math.sin(step * 0.7)); // noisy: every pixel column has a minimum and a maximum
		}
		store(points);
		draw(); // the run has ended: no new point will ask for another frame
		int narrow = grid.chart("loss").values("loss", false).length;
		int before = redraws;
		shell.setSize(1200, 800); // the window (or the Runs view beside the charts) is resized
		while (display.readAndDispatch()) {
			// the resize and what it posts
		}
		assertTrue(redraws > before, "a frame is asked for: the lines were decimated for the narrow plot");
		draw(); // that frame
		int wide = grid.chart("loss").values("loss", false).length;
		assertTrue(wide > 2 * narrow, narrow + " points drawn 320 px wide, " + wide + " at 1,200 px");
	}
}
