package io.chirp.ui.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;

/**
 * Turns any number of "something changed" requests from any thread into UI updates: at most one update is pending
 * at a time, and updates are at least {@code minInterval} apart (paced to the display, ~60 per second).
 */
public final class FramePacer {

	private final UISynchronize ui;
	private final Control control;
	private final Runnable update;
	/** Read and written on the UI thread only. */
	private long minIntervalNanos;
	private final AtomicBoolean pending = new AtomicBoolean();
	private long lastUpdate;

	/**
	 * @param control the widget the update draws into: updates stop once it is disposed
	 */
	public FramePacer(UISynchronize ui, Control control, Runnable update, long minIntervalMillis) {
		this.ui = ui;
		this.control = control;
		this.update = update;
		this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
	}

	/** Changes the least time between two updates; on the UI thread. */
	public void setMinInterval(long millis) {
		minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(millis);
	}

	/** Asks for an update; cheap and callable from any thread. */
	public void request() {
		if (pending.compareAndSet(false, true)) {
			ui.asyncExec(this::onUiThread);
		}
	}

	private void onUiThread() {
		if (control.isDisposed()) {
			return;
		}
		long wait = lastUpdate + minIntervalNanos - System.nanoTime();
		if (wait > 0) {
			// still pending: requests meanwhile fold into this update
			control.getDisplay().timerExec((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), this::runUpdate);
		} else {
			runUpdate();
		}
	}

	private void runUpdate() {
		if (control.isDisposed()) {
			return;
		}
		pending.set(false); // requests from now on schedule the next update
		lastUpdate = System.nanoTime();
		update.run();
	}
}
