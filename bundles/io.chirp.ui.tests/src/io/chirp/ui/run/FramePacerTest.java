package io.chirp.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real Display (this test's thread is its UI thread), with requests from other threads. */
class FramePacerTest {

	private Display display;
	private Shell shell;
	private UISynchronize ui;

	@BeforeEach
	void display() {
		display = Display.getDefault(); // one Display for all UI tests of this JVM (SWTChart keeps fonts made on it)
		shell = new Shell(display);
		ui = new UISynchronize() {
			@Override
			public void syncExec(Runnable runnable) {
				display.syncExec(runnable);
			}

			@Override
			public void asyncExec(Runnable runnable) {
				display.asyncExec(runnable);
			}

			@Override
			public boolean isUIThread(Thread thread) {
				return display.getThread() == thread;
			}

			@Override
			protected void showBusyWhile(Runnable runnable) {
				runnable.run();
			}

			@Override
			protected boolean dispatchEvents() {
				return display.readAndDispatch();
			}
		};
	}

	@AfterEach
	void dispose() {
		if (!shell.isDisposed()) {
			shell.dispose();
		}
	}

	/** Runs the event loop until {@code done} or the timeout; false on timeout. */
	private boolean pumpUntil(BooleanSupplier done, long millis) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			if (!display.readAndDispatch()) {
				display.timerExec(5, () -> {
				}); // wakes the sleep below; requests from other threads wake it too
				display.sleep();
			}
		}
		return true;
	}

	@Test
	void requestsFromManyThreadsFoldIntoPacedUpdatesAndTheLastOneIsNeverLost() throws InterruptedException {
		long interval = 30;
		List<Long> updates = new ArrayList<>();
		AtomicLong requested = new AtomicLong();
		AtomicLong seenByLastUpdate = new AtomicLong(-1);
		FramePacer pacer = new FramePacer(ui, shell, () -> {
			updates.add(System.nanoTime());
			seenByLastUpdate.set(requested.get()); // an update draws everything requested before it began
		}, interval);
		int threads = 4;
		int perThread = 20_000;
		CountDownLatch finished = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			new Thread(() -> {
				for (int i = 0; i < perThread; i++) {
					requested.incrementAndGet();
					pacer.request();
					if (i % 1_000 == 0) {
						Thread.yield();
					}
				}
				finished.countDown();
			}, "requester " + t).start();
		}
		assertTrue(pumpUntil(() -> finished.getCount() == 0, 20_000), "requesters finished");
		assertTrue(pumpUntil(() -> seenByLastUpdate.get() == threads * perThread, 5_000),
				"an update followed the last request");
		pumpUntil(() -> false, 3 * interval); // nothing is pending: no further update may come
		long total = threads * (long) perThread;
		assertTrue(updates.size() < total / 10, updates.size() + " updates for " + total + " requests");
		for (int i = 1; i < updates.size(); i++) {
			long gap = TimeUnit.NANOSECONDS.toMillis(updates.get(i) - updates.get(i - 1));
			// timerExec counts whole milliseconds: an update may come up to 1 ms early
			assertTrue(gap >= interval - 1, "updates " + (i - 1) + " and " + i + " were " + gap + " ms apart");
		}
		assertEquals(threads * perThread, seenByLastUpdate.get());
	}

	@Test
	void noUpdateRunsOnceTheControlIsDisposed() {
		List<Long> updates = new ArrayList<>();
		FramePacer pacer = new FramePacer(ui, shell, () -> updates.add(System.nanoTime()), 10);
		pacer.request();
		shell.dispose(); // the part closed with an update pending
		pacer.request();
		pumpUntil(() -> false, 100);
		assertEquals(List.of(), updates);
	}

	@Test
	void aSlowerRateTakesEffectForTheNextUpdate() {
		List<Long> updates = new ArrayList<>();
		FramePacer pacer = new FramePacer(ui, shell, () -> updates.add(System.nanoTime()), 1);
		pacer.request();
		assertTrue(pumpUntil(() -> updates.size() == 1, 5_000));
		pacer.setMinInterval(200);
		pacer.request();
		assertTrue(pumpUntil(() -> updates.size() == 2, 5_000));
		long gap = TimeUnit.NANOSECONDS.toMillis(updates.get(1) - updates.get(0));
		assertTrue(gap >= 199, "second update " + gap + " ms after the first");
	}
}
