package io.chirp.ui.consoles;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.ui.console.ConsolePlugin;

/**
 * Model add-on that creates Chirp's consoles once per application and makes them injectable as
 * {@link ChirpConsoles} in the application context.
 */
public class ConsolesAddon {

	private ChirpConsoles consoles;

	@PostConstruct
	public void createConsoles(IEclipseContext applicationContext) {
		// the console manager is a platform service without an e4 context entry: the plug-in is its only access
		consoles = new ChirpConsoles(ConsolePlugin.getDefault().getConsoleManager());
		applicationContext.set(ChirpConsoles.class, consoles);
	}

	/**
	 * Greets once the workbench runs: text written to an IOConsole earlier is dropped, because the console's
	 * output job needs a running workbench.
	 */
	@Inject
	@Optional
	public void greet(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event) {
		consoles.workbenchLine("Chirp started. Runs report here: started, stopped, summary, errors.");
	}

	@PreDestroy
	public void disposeConsoles(IEclipseContext applicationContext) {
		applicationContext.remove(ChirpConsoles.class);
		consoles.dispose();
	}
}
