package io.chirp.app;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Gives the main window its title, size and bars: toolbar for the run commands, status line with job progress. */
public class ChirpWindowAdvisor extends WorkbenchWindowAdvisor {

	public static final String TITLE = "Chirp";

	public ChirpWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		super(configurer);
	}

	@Override
	public void preWindowOpen() {
		IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
		configurer.setTitle(TITLE);
		configurer.setInitialSize(new Point(1280, 860));
		configurer.setShowMenuBar(true);
		configurer.setShowCoolBar(true);
		configurer.setShowStatusLine(true);
		configurer.setShowProgressIndicator(true);
		configurer.setShowPerspectiveBar(false);
	}
}
