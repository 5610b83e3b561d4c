package io.chirp.ui.charts;

import org.eclipse.swt.graphics.Color;

/** Distinct line colours (Tableau 10): metrics of one run in the order they appear, runs by their colour index. */
public final class Palette {

	private static final Color[] COLOURS = { new Color(0x1f, 0x77, 0xb4), new Color(0xff, 0x7f, 0x0e),
			new Color(0x2c, 0xa0, 0x2c), new Color(0xd6, 0x27, 0x28), new Color(0x94, 0x67, 0xbd),
			new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x7f, 0x7f, 0x7f),
			new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf) };

	private Palette() {
	}

	/** The colour of index {@code i} (any int: the palette repeats). */
	public static Color colour(int i) {
		return COLOURS[Math.floorMod(i, COLOURS.length)];
	}
}
