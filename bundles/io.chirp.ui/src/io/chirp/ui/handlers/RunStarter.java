package io.chirp.ui.handlers;

import java.util.Map;

import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunSpec;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.ui.consoles.ChirpConsoles;

/** Starts a run of a source, its output to the Output console: what the handlers (and tests) share. */
public final class RunStarter {

	private RunStarter() {
	}

	/**
	 * @throws IllegalArgumentException when the source refuses the values (its message names the parameter)
	 */
	public static Run start(RunController controller, ChirpConsoles consoles, DataSourceFactory source,
			Map<String, String> values) {
		return start(controller, consoles, source, values, null);
	}

	/**
	 * Starts a run beside any others; each of its output lines starts with its name in brackets, so the lines of
	 * runs side by side in the one Output console can be told apart (and searched for).
	 *
	 * @param name the run's name, or null/blank for one made from the source's
	 */
	public static Run start(RunController controller, ChirpConsoles consoles, DataSourceFactory source,
			Map<String, String> values, String name) {
		var created = source.create(values);
		return controller.startRun(created, run -> consoles.outputSink(() -> "[" + run.name() + "] "),
				new RunSpec(name, source.id(), source.label(), values));
	}
}
