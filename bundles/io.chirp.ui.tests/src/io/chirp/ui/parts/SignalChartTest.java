package io.chirp.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chirp.core.model.SeriesBuffer;

/** The signal chart on a real Display: a frame repaints what changed and lays the chart out only when needed. */
class SignalChartTest {

	private Display display;
	private Shell shell;
	private SignalChart signal;
	private int frameRequests;
	/** The areas of the chart itself (axes, titles) painted. */
	private final List<Rectangle> chartPaints = new ArrayList<>();
	private int plotPaints;
	private SeriesBuffer series;

	@BeforeEach
	void open() {
		display = Display.getDefault();
		shell = new Shell(display);
		shell.setLayout(new FillLayout());
		shell.setSize(900, 500);
		signal = new SignalChart(shell, display.getSystemColor(SWT.COLOR_BLUE), () -> frameRequests++, on -> {
		});
		signal.chart().addListener(SWT.Paint, e -> chartPaints.add(new Rectangle(e.x, e.y, e.width, e.height)));
		signal.chart().getPlotArea().getControl().addListener(SWT.Paint, e -> plotPaints++);
		shell.open();
		series = new SeriesBuffer(100_000);
		append(0, 20_000);
		signal.draw(series, "run 1");
		settle();
	}

	@AfterEach
	void close() {
		shell.dispose();
	}

	/** Samples {@code from} (inclusive) to {@code to} of a 1 kHz sine. */
	private void append(int from, int to) {
		double[] t = new double[to - from];
		double[] v = new double[to - from];
		for (int i = from; i < to; i++) {
			t[i - from] = i / 1000.0;
			v[i - from] = Math.sin(i / 7.0);
		}
		series.append(t, v, t.length);
	}

	private void settle() {
		long end = System.nanoTime() + 300_000_000L;
		while (System.nanoTime() < end) {
			if (!display.readAndDispatch()) {
				Thread.onSpinWait();
			}
		}
	}

	private Rectangle plotBounds() {
		return signal.chart().getPlotArea().getControl().getBounds();
	}

	@Test
	void gridLinesAreWholePixelLinesAtEveryTickOfBothAxes() {
		IAxis x = signal.chart().getAxisSet().getXAxis(0);
		IAxis y = signal.chart().getAxisSet().getYAxis(0);
		assertEquals(LineStyle.NONE, x.getGrid().getStyle(), "SWTChart's own grid is off");
		Point size = signal.chart().getPlotArea().getSize();
		Image image = new Image(display, size.x, size.y);
		try {
			GC gc = new GC(image);
			gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
			gc.fillRectangle(0, 0, size.x, size.y);
			ChartStyle.paintGrid(signal.chart(), gc);
			gc.dispose();
			ImageData data = image.getImageData();
			RGB grid = x.getGrid().getForeground().getRGB();
			BiPredicate<Integer, Integer> isGrid = (px, py) -> data.palette
					.getRGB(data.getPixel(px, py)).equals(grid);
			double[] xTicks = x.getTick().getTickLabelValues();
			double[] yTicks = y.getTick().getTickLabelValues();
			assertTrue(xTicks.length >= 3 && yTicks.length >= 3, "ticks on both axes");
			Set<Integer> rows = new HashSet<>();
			for (double v : yTicks) {
				rows.add(y.getPixelCoordinate(v));
			}
			int freeRow = IntStream.range(0, size.y).filter(r -> !rows.contains(r)).findFirst().orElseThrow();
			for (double v : xTicks) {
				int px = x.getPixelCoordinate(v);
				if (px < 1 || px >= size.x - 1) {
					continue;
				}
				for (int py = 0; py < size.y; py++) {
					assertTrue(isGrid.test(px, py), "the line at x tick " + v + " covers column " + px + " at row " + py);
				}
				assertTrue(!isGrid.test(px + 1, freeRow) || xTickAt(x, xTicks, px + 1), "one pixel wide at x tick " + v);
			}
			for (int py : rows) {
				if (py < 0 || py >= size.y) {
					continue;
				}
				for (int px = 0; px < size.x; px++) {
					assertTrue(isGrid.test(px, py), "the line at row " + py + " covers column " + px);
				}
			}
		} finally {
			image.dispose();
		}
	}

	private static boolean xTickAt(IAxis x, double[] ticks, int px) {
		return Arrays.stream(ticks).anyMatch(v -> x.getPixelCoordinate(v) == px);
	}

	@Test
	void aFrameWhoseRangesAndTitleStayRepaintsThePlotAreaAlone() {
		long layouts = signal.layouts();
		chartPaints.clear();
		int plotBefore = plotPaints;
		signal.draw(series, "run 1"); // nothing new: same ranges, same title
		settle();
		assertEquals(layouts, signal.layouts(), "not laid out again");
		assertTrue(plotPaints > plotBefore, "the plot area repainted");
		assertEquals(List.of(), chartPaints, "the chart under the plot area not painted, nor its axes and titles");
	}

	@Test
	void aMovingTimeAxisRepaintsItsStripBelowThePlot() {
		Range before = signal.chart().getAxisSet().getXAxis(0).getRange();
		append(20_000, 20_500); // half a second more: the 5 s window moves
		chartPaints.clear();
		long layouts = signal.layouts();
		signal.draw(series, "run 1");
		settle();
		Range after = signal.chart().getAxisSet().getXAxis(0).getRange();
		assertEquals(before.upper + 0.5, after.upper, 1e-9, "the window follows the live edge");
		assertEquals(layouts + 1, signal.layouts(), "one layout for the new range");
		int plotBottom = plotBounds().y + plotBounds().height;
		assertTrue(chartPaints.stream().anyMatch(p -> p.y + p.height >= signal.chart().getSize().y && p.y <= plotBottom),
				"the x axis's strip repainted: " + chartPaints);
		for (Rectangle painted : chartPaints) {
			assertTrue(painted.y >= plotBounds().y && painted.x >= 0,
					"not the title above the plot: painted " + painted + ", the plot starts at " + plotBounds().y);
		}
	}

	@Test
	void theYRangeStaysWhileTheDataFitsAndFillsIt() {
		Range current = new Range(-1.1, 1.1);
		assertSame(current, SignalChart.yRange(new double[] { -0.98, 1.0, 0.2 }, 3, current), "a sine's extremes moving a little");
		Range grown = SignalChart.yRange(new double[] { -1, 3 }, 2, current);
		assertEquals(-1.4, grown.lower, 1e-9, "the data's extent with a tenth either side");
		assertEquals(3.4, grown.upper, 1e-9);
		Range shrunk = SignalChart.yRange(new double[] { 0, 0.5 }, 2, current);
		assertEquals(-0.05, shrunk.lower, 1e-9, "less than half the range filled: it closes in");
		Range flat = SignalChart.yRange(new double[] { 4, 4, 4 }, 3, current);
		assertEquals(3, flat.lower, 1e-9, "a flat line: one either side");
		assertEquals(5, flat.upper, 1e-9);
		assertSame(current, SignalChart.yRange(new double[0], 0, current), "nothing: as it was");
		assertSame(current, SignalChart.yRange(new double[] { Double.NaN }, 1, current), "no number: as it was");
	}

	@Test
	void titlesComeAtMostFourTimesASecondAndTheNewestIsShown() {
		settle(); // the title of the first frame is long enough ago
		signal.draw(series, "run 1 at 100 Hz");
		assertEquals("run 1 at 100 Hz", signal.title(), "the first change at once");
		int requests = frameRequests;
		signal.draw(series, "run 1 at 101 Hz");
		signal.draw(series, "run 1 at 102 Hz");
		assertEquals("run 1 at 100 Hz", signal.title(), "held back within " + SignalChart.TITLE_INTERVAL_MILLIS + " ms");
		settle();
		assertTrue(frameRequests > requests, "a frame asked for, to show the title held back");
		signal.draw(series, "run 1 at 102 Hz");
		assertEquals("run 1 at 102 Hz", signal.title(), "the newest title shown by that frame");
	}

	@Test
	void theLineIsTheDecimationOfTheWindowAtThePlotsWidth() {
		int width = plotBounds().width;
		assertTrue(signal.points() > width && signal.points() <= 2 * width,
				"5,000 samples in the window drawn as at most 2 per pixel column: " + signal.points() + " for " + width);
		signal.clear();
		assertEquals(0, signal.points(), "a new run starts empty");
	}

	@Test
	void aFrameDoesNotWaitForASeriesTheReceiverHoldsButAsksForTheNext() throws InterruptedException {
		append(20_000, 20_500); // half a second more, which a frame would show
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// the receiver, preempted in the middle of an append
		Thread receiver = new Thread(() -> series.readWithin(Long.MAX_VALUE, () -> {
			holding.countDown();
			awaitQuietly(release);
		}));
		receiver.start();
		try {
			assertTrue(holding.await(10, TimeUnit.SECONDS));
			double upperBefore = signal.chart().getAxisSet().getXAxis(0).getRange().upper;
			int requests = frameRequests;
			long layouts = signal.layouts();
			signal.draw(series, "run 1 at 100 Hz");
			assertEquals(1, signal.framesPutOff(), "the frame put off");
			assertEquals(requests + 1, frameRequests, "the next frame asked for");
			assertEquals(layouts, signal.layouts(), "nothing laid out");
			assertEquals(upperBefore, signal.chart().getAxisSet().getXAxis(0).getRange().upper, "the time axis where it was");
			assertEquals("run 1", signal.title(), "the title as it was");
		} finally {
			release.countDown();
			receiver.join(10_000);
		}
		signal.draw(series, "run 1");
		assertEquals(20.499, signal.chart().getAxisSet().getXAxis(0).getRange().upper, 1e-9, "the next frame shows what came");
		assertEquals(1, signal.framesPutOff());
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aStoppedRunsLineIsDecimatedAgainWhenThePlotGrows() {
		shell.setSize(400, 500);
		settle();
		signal.setWholeHistory(true);
		signal.draw(series, "run 1 (stopped)"); // 20,000 samples of a fast sine: two points per pixel column
		settle();
		int narrow = signal.points();
		int before = frameRequests;
		shell.setSize(1300, 500);
		settle();
		assertTrue(frameRequests > before, "a frame is asked for: the line was decimated for the narrow plot");
		signal.draw(series, "run 1 (stopped)"); // that frame
		assertTrue(signal.points() > 2 * narrow, narrow + " points 400 px wide, " + signal.points() + " at 1,300 px");
	}
}
