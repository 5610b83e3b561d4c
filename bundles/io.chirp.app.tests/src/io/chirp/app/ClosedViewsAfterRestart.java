package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Second half of the restart that {@link ClosedViewsBeforeRestart} began: Chirp starts again from the layout it
 * saved. The views closed before are still closed, and Window &gt; Show View brings each back into its folder. The
 * console views of the restored layout are made when first shown (not all at start-up): each then holds its own
 * console, pinned, its tab named after it.
 */
class ClosedViewsAfterRestart {

	@AfterAll
	static void quit() throws InterruptedException {
		RunningWorkbench.close(TimeUnit.SECONDS.toMillis(30));
		assertEquals(PlatformUI.RETURN_OK, RunningWorkbench.exitCode(), "exit code");
	}

	@Test
	void closedViewsStayClosedAndShowViewBringsThemBackWhereTheyWere() throws Exception {
		assertTrue(Files.exists(ClosedViewsBeforeRestart.placesFile()),
				"the first half of the restart ran on this workspace: " + ClosedViewsBeforeRestart.placesFile());
		Properties places = new Properties();
		try (var in = Files.newInputStream(ClosedViewsBeforeRestart.placesFile())) {
			places.load(in);
		}
		RunningWorkbench.start();
		for (ChirpActionBarAdvisor.ViewEntry entry : LayoutViews.progressAndOutput()) {
			assertFalse(LayoutViews.shown(entry), entry.label() + " still closed after the restart");
			LayoutViews.showFromWindowMenu(entry);
			assertTrue(LayoutViews.shown(entry), entry.label() + " shown again by Window > Show View");
			assertEquals(places.getProperty(entry.label()), LayoutViews.folderOf(entry),
					entry.label() + " back in the folder it was in before the restart");
		}
		for (String secondaryId : ChirpPerspective.CONSOLE_VIEW_IDS) {
			LayoutViews.waitFor(secondaryId + " console view holds its console once made",
					() -> LayoutViews.holdsItsConsole(secondaryId), 10);
		}
	}
}
