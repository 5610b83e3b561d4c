package io.chirp.core.source;

import java.util.List;
import java.util.Map;

/**
 * A kind of source Chirp can run, offered by its bundle as an OSGi Declarative Services component: the New Run
 * dialog lists every factory present, builds each one's page from its {@link #parameters()}, remembers what was
 * typed, and starts a run of {@link #create}. Adding a source to Chirp is one bundle with one of these.
 */
public interface DataSourceFactory {

	/** Stable id: remembered values and commands refer to it (the bundle's symbolic name, say). */
	String id();

	/** The source's name in the New Run dialog ("Chirp", "Program", "Log file"). */
	String label();

	/** What starting a run of it is called in the Run menu and on its toolbar button ("Run Command..."). */
	default String actionLabel() {
		return "New " + label() + " Run...";
	}

	/** One or two sentences at the top of its page: what it runs and what it needs. */
	String description();

	/** Its icon, as a {@code platform:/plugin/<bundle>/<path>} URI, or null. */
	String iconURI();

	/**
	 * Its place among the sources, lowest first (dialog, menu and toolbar); the source Start runs at once is the
	 * lowest present. The built-in chirp has 0.
	 */
	int rank();

	/** What a run of it needs, in the order its page shows them. */
	List<SourceParameter> parameters();

	/** How many sets of values the dialog keeps to pick from again (recent commands); 0 keeps only the last. */
	default int recentKept() {
		return 0;
	}

	/**
	 * Whose secret a {@link SourceParameter.Kind#SECRET} value is, for {@code values}: a password saved in secure
	 * storage is found again for the same owner (a broker and user name), never offered to another. The default:
	 * one secret per source.
	 */
	default String secretOwner(Map<String, String> values) {
		return "";
	}

	/**
	 * A source for {@code values}; a key without a value has its parameter's default. Creating starts nothing (a
	 * run opens the source), so the dialog also calls this to check what is typed, keystroke by keystroke.
	 *
	 * @throws IllegalArgumentException naming the parameter (by its label) and what is wrong with its value
	 */
	DataSource create(Map<String, String> values);
}
