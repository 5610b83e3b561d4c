package io.chirp.ui.prefs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter;

/**
 * What was typed for each source, remembered in the preferences across restarts: the values of the last run, and
 * for sources that keep several ({@link DataSourceFactory#recentKept()}, the recent commands) that many sets, newest
 * first. Secrets are never stored. A set whose first value equals a newer one's (the same command line run again)
 * is kept once.
 */
public final class SourceMemory {

	static final String KEY_PREFIX = "source.";
	private static final String ENTRY_SEPARATOR = "\u001e";
	private static final String FIELD_SEPARATOR = "\u001f";

	private final IEclipsePreferences node;

	public SourceMemory(IEclipsePreferences node) {
		this.node = node;
	}

	/**
	 * Preference keys of the user's own defaults: {@code source.default.<source id>.<parameter key>} (Preferences &gt;
	 * Chirp &gt; Runs sets the Program source's working directory and grace period).
	 */
	public static final String DEFAULT_PREFIX = "source.default.";

	/** The preference key of the user's default for parameter {@code key} of source {@code sourceId}. */
	public static String defaultKey(String sourceId, String key) {
		return DEFAULT_PREFIX + sourceId + "." + key;
	}

	/** Each parameter's default: the user's own where one is set (never for a secret), else the source's. */
	public Map<String, String> defaults(DataSourceFactory source) {
		Map<String, String> values = SourceParameter.defaults(source.parameters());
		for (SourceParameter p : source.parameters()) {
			String own = node.get(defaultKey(source.id(), p.key()), "").strip();
			if (!own.isEmpty() && p.kind() != SourceParameter.Kind.SECRET) {
				values.put(p.key(), own);
			}
		}
		return values;
	}

	/** The remembered sets for {@code source}, newest first; each holds every parameter (defaults where unknown). */
	public List<Map<String, String>> recent(DataSourceFactory source) {
		List<Map<String, String>> sets = new ArrayList<>();
		String stored = node.get(KEY_PREFIX + source.id(), "");
		for (String entry : stored.isEmpty() ? new String[0] : stored.split(ENTRY_SEPARATOR)) {
			Map<String, String> values = defaults(source);
			String[] f = entry.split(FIELD_SEPARATOR, -1);
			for (int i = 0; i + 1 < f.length; i += 2) {
				if (values.containsKey(f[i])) {
					values.put(f[i], f[i + 1]);
				}
			}
			sets.add(values);
		}
		return sets;
	}

	/** The values to start {@code source} with: the last ones used, or its defaults. */
	public Map<String, String> last(DataSourceFactory source) {
		List<Map<String, String>> sets = recent(source);
		return sets.isEmpty() ? defaults(source) : sets.get(0);
	}

	/** Puts {@code used} first and keeps the newest {@code max(1, recentKept)} sets; writes them to disk at once. */
	public void remember(DataSourceFactory source, Map<String, String> used) throws BackingStoreException {
		List<SourceParameter> parameters = source.parameters();
		Map<String, String> kept = new LinkedHashMap<>();
		for (SourceParameter p : parameters) {
			if (p.kind() != SourceParameter.Kind.SECRET) {
				kept.put(p.key(), used.getOrDefault(p.key(), p.defaultValue()));
			}
		}
		List<Map<String, String>> sets = new ArrayList<>(recent(source));
		if (!parameters.isEmpty()) {
			String first = parameters.get(0).key();
			sets.removeIf(s -> s.get(first).equals(kept.get(first)));
		}
		sets.add(0, kept);
		StringBuilder text = new StringBuilder();
		for (Map<String, String> set : sets.subList(0, Math.min(Math.max(1, source.recentKept()), sets.size()))) {
			if (!text.isEmpty()) {
				text.append(ENTRY_SEPARATOR);
			}
			List<String> fields = new ArrayList<>();
			set.forEach((key, value) -> {
				if (kept.containsKey(key)) {
					fields.add(key);
					fields.add(value.replace(ENTRY_SEPARATOR, "").replace(FIELD_SEPARATOR, ""));
				}
			});
			text.append(String.join(FIELD_SEPARATOR, fields));
		}
		node.put(KEY_PREFIX + source.id(), text.toString());
		node.flush();
	}
}
