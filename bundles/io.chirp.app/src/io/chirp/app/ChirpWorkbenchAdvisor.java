package io.chirp.app;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Configures the workbench: Chirp's perspective in a single window. */
public class ChirpWorkbenchAdvisor extends WorkbenchAdvisor {

	public static final String PERSPECTIVE_ID = "io.chirp.app.perspective";

	private final StartupTimes startup;

	public ChirpWorkbenchAdvisor() {
		this(new StartupTimes());
	}

	ChirpWorkbenchAdvisor(StartupTimes startup) {
		this.startup = startup;
	}

	@Override
	public void initialize(IWorkbenchConfigurer configurer) {
		// Layout changes made by the user survive a restart.
		configurer.setSaveAndRestore(true);
	}

	@Override
	public String getInitialWindowPerspectiveId() {
		return PERSPECTIVE_ID;
	}

	@Override
	public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
		return new ChirpWindowAdvisor(configurer, startup);
	}

	@Override
	public void postStartup() {
		if (StartupTimes.reportRequested()) {
			// the start-up benchmark: report, then quit through the regular shutdown
			System.out.println(startup.report());
			getWorkbenchConfigurer().getWorkbench().getDisplay().asyncExec(
					() -> getWorkbenchConfigurer().getWorkbench().close());
		}
	}
}
