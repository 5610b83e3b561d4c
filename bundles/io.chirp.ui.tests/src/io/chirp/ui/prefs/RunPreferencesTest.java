package io.chirp.ui.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.core.internal.preferences.EclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.junit.jupiter.api.Test;

/** Preference values edited by hand: garbage falls back to the default, and the Workbench console is told why. */
class RunPreferencesTest {

	private final IEclipsePreferences node = new EclipsePreferences();

	@Test
	void anUnsetOrValidLimitIsUsedAsIsWithoutAWord() {
		assertEquals(1_000_000, RunPreferences.consoleLimitChars(node, 1_000_000));
		assertNull(RunPreferences.consoleLimitProblem(node, 1_000_000));
		node.put(RunPreferences.CONSOLE_LIMIT, "250000");
		assertEquals(250_000, RunPreferences.consoleLimitChars(node, 1_000_000));
		assertNull(RunPreferences.consoleLimitProblem(node, 1_000_000));
	}

	@Test
	void garbageOrAValueOutOfRangeFallsBackToTheDefaultAndSaysWhy() {
		for (String garbage : new String[] { "lots", "", "5", "-1", "999999999999", "1e6" }) {
			node.put(RunPreferences.CONSOLE_LIMIT, garbage);
			assertEquals(1_000_000, RunPreferences.consoleLimitChars(node, 1_000_000), garbage);
			assertEquals("The preference console.limitChars = '" + garbage + "' is not a number from 10,000 to "
					+ "100,000,000: the consoles keep 1,000,000 characters each (Window > Preferences > Chirp > Consoles sets it).",
					RunPreferences.consoleLimitProblem(node, 1_000_000));
		}
	}
}
