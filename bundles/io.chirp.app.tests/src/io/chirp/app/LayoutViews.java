package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.TextConsole;

import io.chirp.ui.consoles.ChirpConsoleView;
import io.chirp.ui.consoles.ChirpConsoles;

/** The views of the Window &gt; Show View list in the running workbench: shown, closed, shown again, placed. */
final class LayoutViews {

	private LayoutViews() {
	}

	static IWorkbenchWindow window() {
		IWorkbenchWindow[] windows = PlatformUI.getWorkbench().getWorkbenchWindows();
		assertEquals(1, windows.length, "workbench windows");
		return windows[0];
	}

	/** The Show View entry of the Progress view and of the Output console: the two a user must not lose. */
	static List<ChirpActionBarAdvisor.ViewEntry> progressAndOutput() {
		List<ChirpActionBarAdvisor.ViewEntry> entries = ChirpActionBarAdvisor.VIEWS.stream()
				.filter(e -> e.id().equals(ChirpPerspective.PROGRESS_VIEW) || "output".equals(e.secondaryId())).toList();
		assertEquals(2, entries.size(), "Progress and Output are on the Show View list");
		return entries;
	}

	/** Whether the entry's view is open and visible. */
	static boolean shown(ChirpActionBarAdvisor.ViewEntry entry) {
		return RunningWorkbench.onUi(() -> {
			IWorkbenchPage page = window().getActivePage();
			IViewReference ref = page.findViewReference(entry.id(), entry.secondaryId());
			return ref != null && ref.getPart(false) != null && page.isPartVisible(ref.getPart(false));
		});
	}

	/** Closes the entry's view as the X on its tab does. */
	static void close(ChirpActionBarAdvisor.ViewEntry entry) {
		RunningWorkbench.onUi((Runnable) () -> {
			IWorkbenchPage page = window().getActivePage();
			IViewReference ref = page.findViewReference(entry.id(), entry.secondaryId());
			assertNotNull(ref, entry.label() + " is open before it is closed");
			page.hideView(ref);
		});
	}

	/** Window &gt; Show View &gt; the entry. */
	static void showFromWindowMenu(ChirpActionBarAdvisor.ViewEntry entry) {
		RunningWorkbench.onUi((Runnable) () -> new ChirpActionBarAdvisor.ShowViewAction(window(), entry).run());
	}

	/** The id of the folder (part stack) that holds the entry's place in the window's layout. */
	static String folderOf(ChirpActionBarAdvisor.ViewEntry entry) {
		String partId = entry.secondaryId() == null ? entry.id() : entry.id() + ":" + entry.secondaryId();
		return RunningWorkbench.onUi(() -> {
			MWindow window = window().getService(MWindow.class);
			EModelService models = window().getService(EModelService.class);
			MPlaceholder place = models.findElements(window, null, MPlaceholder.class, null,
					EModelService.IN_ACTIVE_PERSPECTIVE).stream()
					.filter(p -> p.getRef() != null && partId.equals(p.getRef().getElementId())).findFirst()
					.orElseThrow(() -> new AssertionError("no place for " + partId + " in the layout"));
			assertNotNull(place.getParent(), partId + " placed in a folder");
			return place.getParent().getElementId();
		});
	}

	/**
	 * Whether the Console view instance {@code secondaryId} holds its own console, pinned, its tab named after it. A
	 * view of the layout that is not made yet is made, as showing its tab does.
	 */
	static boolean holdsItsConsole(String secondaryId) {
		return RunningWorkbench.onUi(() -> {
			IViewReference ref = window().getActivePage().findViewReference(ChirpConsoleView.ID, secondaryId);
			if (ref == null || !(ref.getView(true) instanceof IConsoleView view)) {
				return false;
			}
			MPart part = view.getViewSite().getService(MPart.class);
			return view.getConsole() instanceof TextConsole console
					&& secondaryId.equals(console.getAttribute(ChirpConsoles.VIEW_ATTRIBUTE)) && view.isPinned()
					&& part != null && console.getName().equals(part.getLabel());
		});
	}

	/** Waits up to {@code seconds} for {@code condition}, or fails saying {@code what}. */
	static void waitFor(String what, java.util.function.BooleanSupplier condition, long seconds)
			throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
			}
			Thread.sleep(20);
		}
	}
}
