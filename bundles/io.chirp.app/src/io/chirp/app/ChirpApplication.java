package io.chirp.app;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * Chirp's entry point. It runs the workbench through the 3.x compatibility layer, the only mode in which the
 * platform's IOConsole, Console view and Progress view work as designed; the application model underneath is e4.
 */
public class ChirpApplication implements IApplication {

	@Override
	public Object start(IApplicationContext context) {
		StartupTimes startup = new StartupTimes();
		startup.displayFound(Display.getCurrent() != null);
		Display display = PlatformUI.createDisplay();
		try {
			int code = PlatformUI.createAndRunWorkbench(display, new ChirpWorkbenchAdvisor(startup));
			return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
		} finally {
			display.dispose();
		}
	}

	@Override
	public void stop() {
		if (!PlatformUI.isWorkbenchRunning()) {
			return;
		}
		var workbench = PlatformUI.getWorkbench();
		Display display = workbench.getDisplay();
		display.syncExec(() -> {
			if (!display.isDisposed()) {
				workbench.close();
			}
		});
	}
}
