package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.commands.Command;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledToolItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chirp.ui.ChirpIds;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.parts.ChartPart;

/**
 * Starts the real Chirp workbench (3.x compatibility layer with Chirp's e4 contributions) on a display of its own
 * thread, exactly as {@link ChirpApplication} does, and checks the window from the test thread.
 */
class ChirpWorkbenchTest {

	private static final AtomicReference<Display> DISPLAY = new AtomicReference<>();
	private static final AtomicInteger EXIT_CODE = new AtomicInteger(Integer.MIN_VALUE);
	private static final AtomicReference<Throwable> WORKBENCH_FAILURE = new AtomicReference<>();
	private static Thread workbenchThread;

	@BeforeAll
	static void startWorkbench() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		workbenchThread = new Thread(() -> {
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
				WORKBENCH_FAILURE.set(t);
			} finally {
				started.countDown();
			}
		}, "chirp-workbench");
		workbenchThread.start();
		assertTrue(started.await(120, TimeUnit.SECONDS), "workbench did not start within 120 s");
		assertEquals(null, WORKBENCH_FAILURE.get(), "workbench failed to start");
		assertTrue(PlatformUI.isWorkbenchRunning(), "workbench is not running");
	}

	@AfterAll
	static void closeWorkbench() throws InterruptedException {
		Display display = DISPLAY.get();
		if (display != null && !display.isDisposed()) {
			display.syncExec(() -> PlatformUI.getWorkbench().close());
		}
		workbenchThread.join(TimeUnit.SECONDS.toMillis(30));
		assertFalse(workbenchThread.isAlive(), "workbench thread did not end after close");
		assertEquals(PlatformUI.RETURN_OK, EXIT_CODE.get(), "workbench exit code");
	}

	/** Runs {@code query} on the UI thread and returns its result. */
	private static <T> T onUi(Supplier<T> query) {
		AtomicReference<T> result = new AtomicReference<>();
		DISPLAY.get().syncExec(() -> result.set(query.get()));
		return result.get();
	}

	private static IWorkbenchWindow window() {
		IWorkbenchWindow[] windows = PlatformUI.getWorkbench().getWorkbenchWindows();
		assertEquals(1, windows.length, "workbench windows");
		return windows[0];
	}

	private static MWindow modelWindow() {
		return window().getService(MWindow.class);
	}

	@Test
	void opensOneWindowTitledChirpInTheChirpPerspective() {
		assertEquals(ChirpWindowAdvisor.TITLE, onUi(() -> window().getShell().getText()));
		assertTrue(onUi(() -> window().getShell().isVisible()), "window visible");
		assertEquals(ChirpWorkbenchAdvisor.PERSPECTIVE_ID,
				onUi(() -> window().getActivePage().getPerspective().getId()));
	}

	@Test
	void chartPartIsAPojoPartShowingAnSwtChart() {
		Object[] found = onUi(() -> {
			MPart part = window().getService(EPartService.class).findPart(ChirpIds.CHART_PART);
			if (part == null || !(part.getObject() instanceof ChartPart chartPart)) {
				return new Object[] { part, null, false };
			}
			Chart chart = chartPart.getChart();
			return new Object[] { part, chart, chart.isVisible() && chart.getSize().y > 100 };
		});
		assertNotNull(found[0], "chart part in the window");
		assertInstanceOf(Chart.class, found[1], "chart part holds an SWTChart");
		assertEquals(true, found[2], "chart is visible and has room");
	}

	@Test
	void consoleAndProgressViewsAreOpenAndVisible() {
		for (String viewId : List.of(IConsoleConstants.ID_CONSOLE_VIEW, ChirpPerspective.PROGRESS_VIEW)) {
			Boolean visible = onUi(() -> {
				IWorkbenchPage page = window().getActivePage();
				IViewPart view = page.findView(viewId);
				return view != null && page.isPartVisible(view);
			});
			assertTrue(visible, viewId + " open and visible");
		}
	}

	@Test
	void consolesForEverySourceAreRegisteredAndTheWorkbenchConsoleGreets() throws InterruptedException {
		List<String> names = onUi(() -> java.util.Arrays
				.stream(ConsolePlugin.getDefault().getConsoleManager().getConsoles())
				.filter(c -> ChirpConsoles.TYPE.equals(c.getType())).map(IConsole::getName).toList());
		assertEquals(List.of(ChirpConsoles.OUTPUT, ChirpConsoles.WORKER, ChirpConsoles.RECEIVER,
				ChirpConsoles.WORKBENCH), names);

		ChirpConsoles consoles = onUi(() -> PlatformUI.getWorkbench().getService(MApplication.class).getContext()
				.get(ChirpConsoles.class));
		assertNotNull(consoles, "ChirpConsoles injectable from the application context");
		// console documents are filled asynchronously by the console's own job
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		String text = "";
		while (System.nanoTime() < deadline && !text.contains("Chirp started.")) {
			Thread.sleep(50);
			text = onUi(() -> consoles.workbench().getDocument().get());
		}
		assertTrue(text.startsWith("Chirp started."), "Workbench console text: " + text);
	}

	@Test
	void startAndStopAreCommandsWithHandlersOnTheToolbarAndInTheRunMenu() {
		for (String commandId : List.of(ChirpIds.START_COMMAND, ChirpIds.STOP_COMMAND)) {
			Command command = onUi(() -> PlatformUI.getWorkbench().getService(ECommandService.class)
					.getCommand(commandId));
			assertNotNull(command, commandId);
			assertTrue(command.isDefined(), commandId + " defined");

			MApplication application = onUi(() -> PlatformUI.getWorkbench().getService(MApplication.class));
			List<MHandler> handlers = onUi(() -> application.getHandlers().stream()
					.filter(h -> h.getCommand() != null && commandId.equals(h.getCommand().getElementId())).toList());
			assertEquals(1, handlers.size(), "one handler for " + commandId);
		}

		EModelService models = onUi(() -> PlatformUI.getWorkbench().getService(EModelService.class));
		for (String[] item : List.of(new String[] { ChirpIds.START_TOOL_ITEM, ChirpIds.START_COMMAND },
				new String[] { ChirpIds.STOP_TOOL_ITEM, ChirpIds.STOP_COMMAND })) {
			List<MHandledToolItem> toolItems = onUi(
					() -> models.findElements(modelWindow(), item[0], MHandledToolItem.class));
			assertEquals(1, toolItems.size(), "tool item " + item[0]);
			MHandledToolItem toolItem = toolItems.get(0);
			assertEquals(item[1], onUi(() -> toolItem.getCommand().getElementId()));
			assertTrue(onUi(() -> toolItem.getWidget() instanceof ToolItem w && !w.isDisposed()),
					"tool item " + item[0] + " rendered on the main toolbar");
		}

		List<MMenu> runMenus = onUi(() -> models.findElements(modelWindow(), ChirpIds.RUN_MENU, MMenu.class, null,
				EModelService.IN_MAIN_MENU));
		assertEquals(1, runMenus.size(), "Run menu in the main menu");
		List<String> runMenuCommands = onUi(() -> runMenus.get(0).getChildren().stream()
				.filter(MHandledItem.class::isInstance).map(c -> ((MHandledItem) c).getCommand().getElementId())
				.toList());
		assertEquals(List.of(ChirpIds.START_COMMAND, ChirpIds.STOP_COMMAND), runMenuCommands);
	}

	@Test
	void workbenchIsTheOneTheApplicationRuns() {
		IWorkbench workbench = PlatformUI.getWorkbench();
		assertEquals(DISPLAY.get(), workbench.getDisplay());
	}
}
