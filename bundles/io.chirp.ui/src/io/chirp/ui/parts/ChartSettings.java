package io.chirp.ui.parts;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;

import io.chirp.ui.charts.XAxis;

/**
 * What the metric charts remember per workspace: smoothing, x axis, filter, hidden metrics. Saved as they change
 * (a preference flush is one small file write).
 */
final class ChartSettings {

	static final String SMOOTHING = "chart.smoothing";
	static final String X_AXIS = "chart.xAxis";
	static final String FILTER = "chart.filter";
	static final String HIDDEN = "chart.hidden";
	private static final String SEPARATOR = "\u001f";

	private final IEclipsePreferences node;

	ChartSettings(IEclipsePreferences node) {
		this.node = node;
	}

	/** The smoothing weight in hundredths, 0 to 99 (a stored value out of range gives 0). */
	int smoothing() {
		int stored = node.getInt(SMOOTHING, 0);
		return stored >= 0 && stored <= 99 ? stored : 0;
	}

	XAxis xAxis() {
		try {
			return XAxis.valueOf(node.get(X_AXIS, XAxis.STEP.name()));
		} catch (IllegalArgumentException e) {
			return XAxis.STEP;
		}
	}

	String filter() {
		return node.get(FILTER, "");
	}

	Set<String> hidden() {
		String stored = node.get(HIDDEN, "");
		return stored.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(stored.split(SEPARATOR)));
	}

	void saveSmoothing(int hundredths) {
		node.putInt(SMOOTHING, Math.max(0, Math.min(99, hundredths)));
		flush();
	}

	void saveXAxis(XAxis axis) {
		node.put(X_AXIS, axis.name());
		flush();
	}

	void saveFilter(String text) {
		node.put(FILTER, text);
		flush();
	}

	void saveHidden(Set<String> names) {
		node.put(HIDDEN, names.stream().sorted().collect(Collectors.joining(SEPARATOR)));
		flush();
	}

	private void flush() {
		try {
			node.flush();
		} catch (BackingStoreException e) {
			// kept for this session; a workspace that cannot be written is reported by the platform at exit
		}
	}
}
