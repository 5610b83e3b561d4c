package io.chirp.ui.handlers;

import java.util.Map;

import io.chirp.core.run.RunController;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.ui.consoles.ChirpConsoles;

/** Starts a run of a source, its output to the Output console; what the handlers share. */
final class RunStarter {

	private RunStarter() {
	}

	/**
	 * @throws IllegalArgumentException when the source refuses the values (its message names the parameter)
	 */
	static void start(RunController controller, ChirpConsoles consoles, DataSourceFactory source,
			Map<String, String> values) {
		var created = source.create(values);
		try {
			controller.start(created, consoles.outputSink());
		} catch (IllegalStateException e) {
			// a second start before the toolbar caught up with the state: there is still only one run
			consoles.workbenchLine(e.getMessage());
		}
	}
}
