package io.chirp.ui;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.ui.console.ConsolePlugin;
import org.osgi.framework.FrameworkUtil;

import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.run.RunController;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.prefs.RunPreferences;
import io.chirp.core.record.RunStore;
import io.chirp.ui.run.RunLibrary;
import io.chirp.ui.run.RunReporter;
import io.chirp.ui.prefs.SecretMemory;
import io.chirp.ui.run.SourceCatalog;

/**
 * Model add-on that owns Chirp's services for the life of the application: the consoles, the output capture and
 * the {@link RunController}, all injectable from the application context. On shutdown it stops a run in
 * progress, restores {@code System.out}/{@code System.err} and removes the consoles, in that order.
 */
public class ChirpAddon {

	/**
	 * Shutdown waits this long for a regular stop, then kills a watched program's process tree and waits
	 * {@link #SHUTDOWN_KILL_MILLIS} more: Chirp must be gone within 2 s of closing the window, leaving no orphan.
	 */
	static final long SHUTDOWN_STOP_MILLIS = 500;
	static final long SHUTDOWN_KILL_MILLIS = 500;

	private ChirpConsoles consoles;
	private OutputCapture capture;
	private RunController controller;
	private SourceCatalog sources;
	private RunLibrary library;

	@PostConstruct
	public void createServices(IEclipseContext applicationContext, IEventBroker broker,
			@Preference(nodePath = RunPreferences.NODE) IEclipsePreferences preferences) {
		// the console manager is a platform service without an e4 context entry: the plug-in is its only access
		consoles = new ChirpConsoles(ConsolePlugin.getDefault().getConsoleManager(),
				RunPreferences.consoleLimitChars(preferences, ChirpConsoles.DEFAULT_LIMIT_CHARS));
		capture = OutputCapture.install();
		controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, capture);
		controller.addListener(new RunReporter(consoles, broker));
		// every run is recorded into the runs folder; those recorded before are listed once the window shows (#14)
		RunStore store = new RunStore(RunPreferences.runsFolder(preferences));
		controller.setStore(store);
		library = new RunLibrary(controller, broker, consoles);
		applicationContext.set(RunLibrary.class, library);
		applicationContext.set(ChirpConsoles.class, consoles);
		applicationContext.set(OutputCapture.class, capture);
		applicationContext.set(RunController.class, controller);
		// the sources are DS components of their bundles; followed here, so one bundle adds one (issue #12)
		sources = new SourceCatalog(FrameworkUtil.getBundle(ChirpAddon.class).getBundleContext());
		sources.addChangeListener(() -> broker.post(ChirpTopics.SOURCES_CHANGED, Boolean.TRUE));
		applicationContext.set(SourceCatalog.class, sources);
		// passwords the user chose to save (#15); the storage is opened when the first one is needed
		applicationContext.set(SecretMemory.class, SecretMemory.standard());
		// Window > Preferences > Consoles: a new limit applies at once (the preference dialog runs on the UI thread)
		consoles.setFloodBound(floodBound(preferences));
		limitListener = event -> {
			if (RunPreferences.CONSOLE_LIMIT.equals(event.getKey())) {
				consoles.setOutputLimit(RunPreferences.consoleLimitChars(preferences, ChirpConsoles.DEFAULT_LIMIT_CHARS));
			} else if (RunPreferences.CONSOLE_FLOOD_BOUND.equals(event.getKey())) {
				consoles.setFloodBound(floodBound(preferences));
			}
		};
		preferencesNode = preferences;
		preferences.addPreferenceChangeListener(limitListener);
	}

	private static int floodBound(IEclipsePreferences preferences) {
		return RunPreferences.intIn(preferences, RunPreferences.CONSOLE_FLOOD_BOUND, RunPreferences.MIN_FLOOD_BOUND,
				RunPreferences.MAX_FLOOD_BOUND, ChirpConsoles.MAX_CHARS_PER_FLUSH);
	}

	private IEclipsePreferences preferencesNode;
	private IEclipsePreferences.IPreferenceChangeListener limitListener;

	/** A source came or went: its menu item and toolbar button follow. */
	@Inject
	@Optional
	public void sourcesChanged(@UIEventTopic(ChirpTopics.SOURCES_CHANGED) Object event, MApplication application,
			EModelService models) {
		SourceItems.sync(application, models, sources.sources());
	}

	/**
	 * Finishes the consoles once the workbench runs: their output limit and any text need the workbench (text
	 * written to an IOConsole earlier is dropped, because the console's output job needs it).
	 */
	@Inject
	@Optional
	public void workbenchStarted(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
			MApplication application, EModelService models) {
		SourceItems.sync(application, models, sources.sources());
		consoles.applyOutputLimit();
		org.eclipse.e4.ui.css.swt.theme.IThemeEngine themes = application.getContext()
				.get(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.class);
		org.eclipse.e4.ui.css.swt.theme.ITheme theme = themes == null ? null : themes.getActiveTheme();
		consoles.setScheme(io.chirp.ui.parts.ChartStyle.Scheme.ofTheme(theme == null ? null : theme.getId()));
		String limitProblem = RunPreferences.consoleLimitProblem(preferencesNode, ChirpConsoles.DEFAULT_LIMIT_CHARS);
		if (limitProblem != null) {
			consoles.workbenchError(limitProblem);
		}
		// once the window shows: a thousand recorded runs must not compete with the start-up for the processor
		library.listRecorded(controller.store());
		consoles.workbenchLine("Chirp started. Press Start (Ctrl+F11) to run the chirp, or New Run (Ctrl+N) for a program or a log; Stop (Ctrl+F2) ends the selected run. Runs are recorded in " + controller.store().root());
	}

	/** Another theme (Preferences > Chirp > Appearance): the consoles' colours follow. */
	@Inject
	@Optional
	public void themeChanged(
			@UIEventTopic(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.Events.THEME_CHANGED) org.osgi.service.event.Event event) {
		Object theme = event.getProperty(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.Events.THEME);
		if (theme instanceof org.eclipse.e4.ui.css.swt.theme.ITheme t) {
			consoles.setScheme(io.chirp.ui.parts.ChartStyle.Scheme.ofTheme(t.getId()));
		}
	}

	/**
	 * Closing the window or Quit: stops a run in progress (the receiver drains what was queued) and restores the
	 * standard streams before the workbench goes away. Sent synchronously on the UI thread as shutdown begins.
	 */
	@Inject
	@Optional
	public void shutdownStarted(@EventTopic(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED) Object event,
			MApplication application, EModelService models) {
		SourceItems.removeAll(application, models);
		stopRunAndRestoreStreams();
	}

	private void stopRunAndRestoreStreams() {
		try {
			controller.stopForShutdown(SHUTDOWN_STOP_MILLIS, SHUTDOWN_KILL_MILLIS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			capture.close();
		}
	}

	@PreDestroy
	public void disposeServices(IEclipseContext applicationContext) {
		try {
			stopRunAndRestoreStreams(); // already done unless shutdown skipped its event
		} finally {
			applicationContext.remove(RunLibrary.class);
			library.dispose();
			applicationContext.remove(SourceCatalog.class);
			applicationContext.remove(SecretMemory.class);
			preferencesNode.removePreferenceChangeListener(limitListener);
			sources.close();
			applicationContext.remove(RunController.class);
			applicationContext.remove(OutputCapture.class);
			applicationContext.remove(ChirpConsoles.class);
			consoles.dispose();
		}
	}
}
