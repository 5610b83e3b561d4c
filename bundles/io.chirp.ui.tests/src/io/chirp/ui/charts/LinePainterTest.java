package io.chirp.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;

/** Dense lines drawn as pixel columns cover what the polyline covers; sparse ones stay polylines. */
class LinePainterTest {

	private static final int WIDTH = 200;
	private static final int HEIGHT = 120;

	@Test
	void eachColumnSpansItsPointsAndHalfTheStepToItsNeighbours() {
		int[] pixels = { 10, 50, 10, 20, 11, 80, 11, 70, 12, 60, 12, 65 };
		// 20 -> 80 between columns 10 and 11: 10 takes it down to 50, 11 from 50; 70 -> 60: 11 reaches 65, 12 from 65
		assertArrayEquals(new int[] { 10, 20, 50, 11, 50, 80, 12, 60, 65 }, LinePainter.columns(pixels, 6));
	}

	@Test
	void aGapIsNotFilledAsAColumn() {
		int[] pixels = { 10, 50, 10, 20, 40, 90, 40, 95 };
		assertArrayEquals(new int[] { 10, 20, 50, 40, 90, 95 }, LinePainter.columns(pixels, 4),
				"the column after a gap starts at its own points; a line joins the gap");
	}

	@Test
	void onlyALineWithAPointPerColumnGoingRightIsDense() {
		assertTrue(LinePainter.isDense(new int[] { 0, 5, 0, 9, 1, 3, 1, 7 }, 4));
		assertFalse(LinePainter.isDense(new int[] { 0, 5, 10, 9, 20, 3 }, 3), "3 points over 21 columns");
		assertFalse(LinePainter.isDense(new int[] { 0, 5, 1, 9, 0, 3, 1, 7 }, 4), "x goes back");
	}

	@Test
	void aDenseLineCoversTheSamePixelsAsItsPolylineGiveOrTakeOne() {
		Display display = Display.getDefault();
		Random random = new Random(7);
		// a decimated noisy signal: a minimum and a maximum in every pixel column
		int columns = 180;
		int[] pixels = new int[4 * columns];
		for (int c = 0; c < columns; c++) {
			int a = 10 + random.nextInt(100);
			int b = 10 + random.nextInt(100);
			pixels[4 * c] = 10 + c;
			pixels[4 * c + 1] = Math.min(a, b);
			pixels[4 * c + 2] = 10 + c;
			pixels[4 * c + 3] = Math.max(a, b);
		}
		boolean[][] painted = paint(display, gc -> LinePainter.draw(gc, pixels, 2 * columns, display.getSystemColor(
				org.eclipse.swt.SWT.COLOR_BLACK), 1));
		boolean[][] stroked = paint(display, gc -> {
			gc.setAntialias(org.eclipse.swt.SWT.OFF);
			gc.setForeground(display.getSystemColor(org.eclipse.swt.SWT.COLOR_BLACK));
			gc.drawPolyline(pixels);
		});
		// every pixel of one has a pixel of the other at most one pixel away (a steep step between two columns is
		// split between them a little differently; the polyline leaves its very last pixel out)
		assertWithinAPixel(painted, stroked, "drawn as columns, not by the polyline");
		assertWithinAPixel(stroked, painted, "drawn by the polyline, not as columns");
	}

	private static void assertWithinAPixel(boolean[][] a, boolean[][] b, String what) {
		int count = 0;
		for (int x = 0; x < WIDTH; x++) {
			for (int y = 0; y < HEIGHT; y++) {
				if (a[x][y]) {
					count++;
					boolean near = false;
					for (int dx = -1; dx <= 1; dx++) {
						for (int dy = -1; dy <= 1; dy++) {
							int nx = x + dx;
							int ny = y + dy;
							near |= nx >= 0 && nx < WIDTH && ny >= 0 && ny < HEIGHT && b[nx][ny];
						}
					}
					assertTrue(near, "pixel " + x + "," + y + " " + what);
				}
			}
		}
		assertTrue(count > 1000, "a line was drawn: " + count + " pixels");
	}

	@Test
	void theColumnsArePaintedExactlyAsComputed() {
		Display display = Display.getDefault();
		Random random = new Random(3);
		int[] pixels = new int[4 * 150];
		for (int c = 0; c < 150; c++) {
			int a = 10 + random.nextInt(100);
			int b = 10 + random.nextInt(100);
			// a gap after column 69: two runs, joined by a line
			int x = c < 70 ? 10 + c : 30 + c;
			pixels[4 * c] = x;
			pixels[4 * c + 1] = Math.min(a, b);
			pixels[4 * c + 2] = x;
			pixels[4 * c + 3] = Math.max(a, b);
		}
		for (int width : new int[] { 1, 2, 3 }) {
			int[] spans = LinePainter.columns(pixels, 300);
			boolean[][] expected = new boolean[WIDTH][HEIGHT];
			for (int i = 0; i < spans.length; i += 3) {
				for (int x = spans[i] - (width - 1) / 2; x < spans[i] - (width - 1) / 2 + width; x++) {
					for (int y = spans[i + 1]; y <= spans[i + 2]; y++) {
						expected[x][y] = true;
					}
				}
			}
			boolean[][] painted = paint(display, gc -> LinePainter.draw(gc, pixels, 300,
					display.getSystemColor(org.eclipse.swt.SWT.COLOR_BLACK), width));
			for (int x = 0; x < WIDTH; x++) {
				if (x > 79 - (width - 1) / 2 && x < 100 + width) {
					continue; // the gap and the columns at its ends: the joining line's pixels
				}
				for (int y = 0; y < HEIGHT; y++) {
					assertEquals(expected[x][y], painted[x][y], "width " + width + ", pixel " + x + "," + y);
				}
			}
		}
	}

	@Test
	void aSparseLineIsStillAPolyline() {
		Display display = Display.getDefault();
		int[] pixels = { 10, 100, 190, 10 };
		boolean[][] painted = paint(display, gc -> LinePainter.draw(gc, pixels, 2, display.getSystemColor(
				org.eclipse.swt.SWT.COLOR_BLACK), 1));
		// a slanted line: the middle column holds a pixel or two near the middle, not a span from top to bottom
		int inMiddleColumn = 0;
		for (int y = 0; y < HEIGHT; y++) {
			if (painted[100][y]) {
				inMiddleColumn++;
				assertTrue(y >= 50 && y <= 60, "middle column painted at " + y);
			}
		}
		assertTrue(inMiddleColumn >= 1 && inMiddleColumn <= 2, inMiddleColumn + " pixels in the middle column");
		for (int y = 0; y < HEIGHT; y++) {
			assertFalse(painted[5][y], "nothing left of the line");
		}
	}

	/** Which pixels {@code drawing} paints dark on white. */
	private static boolean[][] paint(Display display, java.util.function.Consumer<GC> drawing) {
		Image image = new Image(display, WIDTH, HEIGHT);
		GC gc = new GC(image);
		try {
			gc.setBackground(display.getSystemColor(org.eclipse.swt.SWT.COLOR_WHITE));
			gc.fillRectangle(0, 0, WIDTH, HEIGHT);
			drawing.accept(gc);
		} finally {
			gc.dispose();
		}
		ImageData data = image.getImageData();
		image.dispose();
		boolean[][] dark = new boolean[WIDTH][HEIGHT];
		for (int x = 0; x < WIDTH; x++) {
			for (int y = 0; y < HEIGHT; y++) {
				dark[x][y] = data.palette.getRGB(data.getPixel(x, y)).red < 128;
			}
		}
		return dark;
	}
}
