package io.chirp.ui.charts;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;

/**
 * Draws a line through pixel coordinates as cheaply as the X server allows. A decimated line has about two points
 * per pixel column and zigzags from each column's minimum to its maximum: stroked as a polyline, every segment is
 * rasterised as a slanted trapezoid (in the X server, which the UI thread then waits for). Where the points are
 * that dense the line is drawn as what it covers, one filled rectangle per pixel column from the lowest to the
 * highest point of the column, each reaching halfway to its neighbour's so the line stays connected: the same pixels
 * give or take one, filled as one rectilinear polygon, which cairo turns into boxes, the cheapest thing XRender
 * draws. Sparse lines (zoomed in, a metric's few points) stay polylines. UI thread only.
 */
public final class LinePainter {

	private LinePainter() {
	}

	/**
	 * Draws the first {@code points} pixel pairs ({@code x0, y0, x1, y1, ...}, x never decreasing where the line
	 * is dense) in {@code colour}, {@code width} pixels wide, without antialiasing.
	 */
	public static void draw(GC gc, int[] pixels, int points, Color colour, int width) {
		if (points <= 0) {
			return;
		}
		gc.setAntialias(SWT.OFF);
		if (points < 2 || !isDense(pixels, points)) {
			gc.setForeground(colour);
			gc.setLineWidth(width);
			gc.setLineStyle(SWT.LINE_SOLID);
			gc.drawPolyline(pixels.length == 2 * points ? pixels : java.util.Arrays.copyOf(pixels, 2 * points));
			if (points == 1) {
				gc.drawPoint(pixels[0], pixels[1]);
			}
			return;
		}
		gc.setBackground(colour);
		for (int[] outline : outlines(columns(pixels, points), width)) {
			gc.fillPolygon(outline);
		}
		// gaps wider than a column (a pause in the data) are joined by a line, as the polyline would
		gc.setForeground(colour);
		gc.setLineWidth(width);
		gc.setLineStyle(SWT.LINE_SOLID);
		for (int i = 1; i < points; i++) {
			if (pixels[2 * i] - pixels[2 * i - 2] > 1) {
				gc.drawLine(pixels[2 * i - 2], pixels[2 * i - 1], pixels[2 * i], pixels[2 * i + 1]);
			}
		}
	}

	/**
	 * The area the columns cover, {@code width} pixels wide each, as outlines to fill: one per run of adjacent pixel
	 * columns, its top edge left to right and its bottom edge back, as a staircase along the pixel edges. One
	 * polygon is one call and one rectilinear fill for cairo, where a path of a thousand rectangles cost a call
	 * each and a sort of the boxes.
	 */
	static java.util.List<int[]> outlines(int[] spans, int width) {
		int left = (width - 1) / 2;
		int first = spans[0] - left;
		int last = spans[spans.length - 3] - left + width - 1;
		int columns = last - first + 1;
		int[] top = new int[columns];
		int[] bottom = new int[columns];
		java.util.Arrays.fill(top, Integer.MAX_VALUE);
		java.util.Arrays.fill(bottom, Integer.MIN_VALUE);
		for (int i = 0; i < spans.length; i += 3) {
			for (int c = spans[i] - left; c < spans[i] - left + width; c++) {
				top[c - first] = Math.min(top[c - first], spans[i + 1]);
				bottom[c - first] = Math.max(bottom[c - first], spans[i + 2]);
			}
		}
		java.util.List<int[]> outlines = new java.util.ArrayList<>();
		int c = 0;
		while (c < columns) {
			if (top[c] == Integer.MAX_VALUE) {
				c++;
				continue;
			}
			int end = c;
			while (end + 1 < columns && top[end + 1] != Integer.MAX_VALUE) {
				end++;
			}
			int[] outline = new int[8 * (end - c + 1)];
			int n = 0;
			for (int k = c; k <= end; k++) {
				outline[n++] = first + k;
				outline[n++] = top[k];
				outline[n++] = first + k + 1;
				outline[n++] = top[k];
			}
			for (int k = end; k >= c; k--) {
				outline[n++] = first + k + 1;
				outline[n++] = bottom[k] + 1;
				outline[n++] = first + k;
				outline[n++] = bottom[k] + 1;
			}
			outlines.add(outline);
			c = end + 1;
		}
		return outlines;
	}

	/**
	 * Dense: at least as many points as the pixel columns they span, and x never decreasing (a decimated line; a
	 * line that doubles back, as a parametric one might, is left to the polyline).
	 */
	static boolean isDense(int[] pixels, int points) {
		int first = pixels[0];
		int last = pixels[2 * (points - 1)];
		if (points < last - first + 1) {
			return false;
		}
		for (int i = 1; i < points; i++) {
			if (pixels[2 * i] < pixels[2 * i - 2]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The vertical spans of a dense line, {@code x, top, bottom} per pixel column that has points: each from the
	 * lowest to the highest of the column's points; the step between two adjacent columns is split at its middle,
	 * the upper half in one and the lower half in the other, as the stroked segment between them would be.
	 */
	static int[] columns(int[] pixels, int points) {
		int[] spans = new int[3 * points];
		int n = 0;
		int column = pixels[0];
		int top = pixels[1];
		int bottom = pixels[1];
		int previousY = pixels[1];
		for (int i = 1; i < points; i++) {
			int x = pixels[2 * i];
			int y = pixels[2 * i + 1];
			if (x != column) {
				// across a gap the joining line does that; between neighbours each takes half the step
				boolean adjacent = x - column == 1;
				int middle = Math.floorDiv(previousY + y, 2);
				if (adjacent) {
					top = Math.min(top, middle);
					bottom = Math.max(bottom, middle);
				}
				spans[n++] = column;
				spans[n++] = top;
				spans[n++] = bottom;
				column = x;
				top = adjacent ? Math.min(y, middle) : y;
				bottom = adjacent ? Math.max(y, middle) : y;
			} else {
				top = Math.min(top, y);
				bottom = Math.max(bottom, y);
			}
			previousY = y;
		}
		spans[n++] = column;
		spans[n++] = top;
		spans[n++] = bottom;
		return java.util.Arrays.copyOf(spans, n);
	}
}
