package io.chirp.ui.run;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;

import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunState;
import io.chirp.core.run.RunSummary;
import io.chirp.ui.ChirpTopics;
import io.chirp.ui.consoles.ChirpConsoles;

/**
 * Carries what the run controller publishes to the consoles (one per source) and, as broker events, to the UI.
 * Runs on job threads: console streams queue text without touching widgets, the broker posts asynchronously.
 */
public final class RunReporter implements RunListener {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

	private final ChirpConsoles consoles;
	private final IEventBroker broker;

	public RunReporter(ChirpConsoles consoles, IEventBroker broker) {
		this.consoles = consoles;
		this.broker = broker;
	}

	private static String stamped(String text) {
		return LocalTime.now().format(TIME) + "  " + text;
	}

	@Override
	public void stateChanged(RunState state) {
		broker.post(ChirpTopics.RUN_STATE, state);
		// Start/Stop enablement follows the state
		broker.post(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
	}

	@Override
	public void message(Source source, String text) {
		switch (source) {
		case WORKER -> consoles.line(consoles.worker(), stamped(text));
		case RECEIVER -> consoles.line(consoles.receiver(), stamped(text));
		case CONTROLLER -> consoles.workbenchLine(stamped(text));
		}
	}

	@Override
	public void runEnded(RunSummary summary) {
		consoles.endRedrawnLines();
		if (summary.status().getSeverity() == IStatus.ERROR) {
			Throwable cause = summary.status().getException();
			consoles.workbenchError(stamped("ERROR: " + summary.status().getMessage()
					+ (cause == null ? "" : System.lineSeparator() + ChirpConsoles.stackTrace(cause))));
		}
		broker.post(ChirpTopics.RUN_ENDED, summary);
	}
}
