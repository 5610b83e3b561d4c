package io.chirp.ui.status;

import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.chirp.core.model.RunModel;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunState;
import io.chirp.core.run.RunSummary;
import io.chirp.core.source.ProgressBar;
import io.chirp.ui.ChirpTopics;

/**
 * Status line entry: run state, the progress bar the run's program draws, samples/s, chart frames/s, queue depth and lost count. Refreshed four times a
 * second by a UI timer while a run is in progress, and on every state change.
 */
public class RunStatusControl {

	static final int REFRESH_MILLIS = 250;

	private RunController controller;
	private Label label;
	private double fps;
	private long lastReceived;
	private long lastNanos;
	private double samplesPerSecond;
	private String ending = "";
	private boolean ticking;

	@PostConstruct
	public void createGui(Composite parent, RunController runController) {
		this.controller = runController;
		Composite box = new Composite(parent, SWT.NONE);
		GridLayout layout = new GridLayout(1, false);
		layout.marginHeight = 0;
		layout.marginWidth = 4;
		box.setLayout(layout);
		label = new Label(box, SWT.NONE);
		GridData data = new GridData(SWT.FILL, SWT.CENTER, true, true);
		data.widthHint = 640; // room for a progress bar's line without the trim jumping around
		label.setLayoutData(data);
		label.setData("io.chirp.status", Boolean.TRUE); // lets tests find it
		refresh();
	}

	@Inject
	@Optional
	public void stateChanged(@UIEventTopic(ChirpTopics.RUN_STATE) RunState state) {
		if (label == null || label.isDisposed()) {
			return;
		}
		// the state is read from the controller, not from the event: a run's start is posted from the UI thread and
		// its end from a job, so a start may be delivered after the end of its own run (a source that fails at once)
		if (state == RunState.RUNNING && controller.state() != RunState.IDLE) {
			ending = "";
			lastReceived = 0;
			lastNanos = System.nanoTime();
			samplesPerSecond = 0;
			if (!ticking) {
				ticking = true;
				label.getDisplay().timerExec(REFRESH_MILLIS, this::tick);
			}
		}
		refresh();
	}

	@Inject
	@Optional
	public void runEnded(@UIEventTopic(ChirpTopics.RUN_ENDED) RunSummary summary) {
		if (label == null || label.isDisposed()) {
			return;
		}
		ending = summary.status().getSeverity() == org.eclipse.core.runtime.IStatus.ERROR
				? " | last run failed: " + summary.status().getMessage()
				: "";
		refresh();
	}

	@Inject
	@Optional
	public void chartFps(@UIEventTopic(ChirpTopics.CHART_FPS) Double framesPerSecond) {
		fps = framesPerSecond;
	}

	private void tick() {
		if (label.isDisposed()) {
			return;
		}
		RunModel model = controller.model();
		long now = System.nanoTime();
		long received = model.received();
		samplesPerSecond = (received - lastReceived) / ((now - lastNanos) / 1e9);
		lastReceived = received;
		lastNanos = now;
		refresh();
		if (controller.state() == RunState.IDLE) {
			ticking = false;
		} else {
			label.getDisplay().timerExec(REFRESH_MILLIS, this::tick);
		}
	}

	private void refresh() {
		RunModel model = controller.model();
		RunState state = controller.state();
		String rate = model.metricPoints() > 0 && model.received() == 0
				? String.format(Locale.ROOT, "%,d metric points", model.metricPoints())
				: String.format(Locale.ROOT, "%,.0f samples/s", state == RunState.IDLE ? 0.0 : samplesPerSecond);
		ProgressBar bar = model.progress();
		String text = String.format(Locale.ROOT, "%s%s | %s | %.0f frames/s | queue %d | lost %d%s",
				switch (state) {
				case IDLE -> "Idle";
				case RUNNING -> "Running";
				case STOPPING -> "Stopping";
				}, bar == null ? "" : " | " + bar.describe(), rate, state == RunState.IDLE ? 0.0 : fps, model.queueDepth(),
				model.lost(), ending);
		label.setText(text);
		label.setToolTipText(text);
		label.getParent().layout(true);
		label.getParent().getParent().layout(true);
	}

	/** The text shown, for tests. */
	public String text() {
		return label.getText();
	}
}
