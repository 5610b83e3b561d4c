package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * First half of a restart as the user makes one (issue #17): Chirp starts, the user closes the Progress view and
 * the Output console with the X on their tabs and quits. {@link ClosedViewsAfterRestart} is the next start, in a JVM
 * of its own on the same workspace (the platform's JFace registries allow one workbench per JVM): both run as
 * executions of their own after the workbench tests (pom.xml). Where each view was is written to the workspace.
 */
class ClosedViewsBeforeRestart {

	static final String PLACES_FILE = "closed-views.properties";

	static Path placesFile() {
		return Path.of(Platform.getInstanceLocation().getURL().getPath(), PLACES_FILE);
	}

	@Test
	void closeProgressAndOutputThenQuit() throws Exception {
		RunningWorkbench.start();
		Properties places = new Properties();
		for (ChirpActionBarAdvisor.ViewEntry entry : LayoutViews.progressAndOutput()) {
			assertTrue(LayoutViews.shown(entry), entry.label() + " shown at the first start");
			places.setProperty(entry.label(), LayoutViews.folderOf(entry));
			LayoutViews.close(entry);
			assertFalse(LayoutViews.shown(entry), entry.label() + " closed");
		}
		try (var out = Files.newOutputStream(placesFile())) {
			places.store(out, "folders of the views closed before the restart");
		}
		RunningWorkbench.close(TimeUnit.SECONDS.toMillis(30));
		assertTrue(RunningWorkbench.awaitEnd(0), "Chirp ended");
		assertEquals(PlatformUI.RETURN_OK, RunningWorkbench.exitCode(), "exit code");
	}
}
