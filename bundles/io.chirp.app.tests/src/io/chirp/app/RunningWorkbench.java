package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * The real Chirp workbench (3.x compatibility layer with Chirp's e4 contributions), started on a display of its own
 * thread exactly as {@link ChirpApplication} does, for tests and benchmarks that use it from another thread.
 */
final class RunningWorkbench {

	private static final AtomicReference<Display> DISPLAY = new AtomicReference<>();
	private static final AtomicInteger EXIT_CODE = new AtomicInteger(Integer.MIN_VALUE);
	private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();
	private static Thread thread;

	private RunningWorkbench() {
	}

	/** Starts the workbench and waits until its start-up is complete. */
	static void start() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		thread = new Thread(() -> {
			try {
				Display display = PlatformUI.createDisplay();
				DISPLAY.set(display);
				EXIT_CODE.set(PlatformUI.createAndRunWorkbench(display, new ChirpWorkbenchAdvisor() {
					@Override
					public void postStartup() {
						super.postStartup();
						started.countDown();
					}
				}));
				display.dispose();
			} catch (Throwable t) {
				FAILURE.set(t);
			} finally {
				started.countDown();
			}
		}, "chirp-workbench");
		thread.start();
		assertTrue(started.await(120, TimeUnit.SECONDS), "workbench did not start within 120 s");
		assertEquals(null, FAILURE.get(), "workbench failed to start");
		assertTrue(PlatformUI.isWorkbenchRunning(), "workbench is not running");
	}

	/** Closes the workbench if it still runs and waits up to {@code millis} for its thread to end. */
	static void close(long millis) throws InterruptedException {
		Display display = DISPLAY.get();
		if (display != null && !display.isDisposed() && PlatformUI.isWorkbenchRunning()) {
			display.syncExec(() -> PlatformUI.getWorkbench().close());
		}
		awaitEnd(millis);
	}

	/** Waits up to {@code millis} for the workbench thread to end; true when it has. */
	static boolean awaitEnd(long millis) throws InterruptedException {
		thread.join(millis);
		return !thread.isAlive();
	}

	static int exitCode() {
		return EXIT_CODE.get();
	}

	static Display display() {
		return DISPLAY.get();
	}

	/**
	 * Runs {@code query} on the UI thread and returns its result. What it throws (a failed assertion) is thrown
	 * here, on the caller's thread: the workbench's event loop would otherwise log it and carry on, and the test
	 * would pass.
	 */
	static <T> T onUi(Supplier<T> query) {
		AtomicReference<T> result = new AtomicReference<>();
		onUi(() -> result.set(query.get()));
		return result.get();
	}

	/** Runs {@code action} on the UI thread; what it throws is thrown here (see {@link #onUi(Supplier)}). */
	static void onUi(Runnable action) {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		DISPLAY.get().syncExec(() -> {
			try {
				action.run();
			} catch (Throwable t) {
				thrown.set(t);
			}
		});
		Throwable t = thrown.get();
		if (t instanceof RuntimeException r) {
			throw r;
		}
		if (t instanceof Error e) {
			throw e;
		}
	}

	/** The application context, where Chirp's add-on puts its services. */
	static IEclipseContext applicationContext() {
		return onUi(() -> PlatformUI.getWorkbench().getService(MApplication.class).getContext());
	}
}
