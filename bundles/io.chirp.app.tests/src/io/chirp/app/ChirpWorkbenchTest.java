package io.chirp.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.commands.Command;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledToolItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.IOConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.chirp.ui.consoles.ChirpConsoleView;
import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunState;
import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.RawBatch;
import io.chirp.source.chirp.ChirpParameters;
import io.chirp.core.record.RunFiles;
import io.chirp.core.record.RunStore;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunStatus;
import io.chirp.ui.ChirpIds;
import io.chirp.ui.charts.MetricChart;
import io.chirp.ui.charts.Palette;
import io.chirp.ui.run.RunLibrary;
import io.chirp.ui.runs.RunsPart;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.swt.widgets.Table;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.dialogs.NewRunDialog;
import io.chirp.ui.prefs.SecretMemory;
import io.chirp.ui.parts.ChartPart;
import io.chirp.ui.prefs.SourceMemory;
import io.chirp.ui.run.SourceCatalog;

/**
 * Starts the real Chirp workbench (3.x compatibility layer with Chirp's e4 contributions) on a display of its own
 * thread, exactly as {@link ChirpApplication} does, and uses it from the test thread as a user would: commands
 * executed as the toolbar and key bindings execute them, jobs cancelled as the Progress view cancels them. The
 * last test closes the window in the middle of a run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChirpWorkbenchTest {

	@BeforeAll
	static void startWorkbench() throws InterruptedException {
		RunningWorkbench.start();
	}

	@AfterAll
	static void closeWorkbench() throws InterruptedException {
		RunningWorkbench.close(TimeUnit.SECONDS.toMillis(30));
		assertFalse(workbenchThreadAlive(), "workbench thread did not end after close");
		assertEquals(PlatformUI.RETURN_OK, RunningWorkbench.exitCode(), "workbench exit code");
	}

	private static boolean workbenchThreadAlive() throws InterruptedException {
		return !RunningWorkbench.awaitEnd(0);
	}

	private static <T> T onUi(Supplier<T> query) {
		return RunningWorkbench.onUi(query);
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
		Boolean progressVisible = onUi(() -> {
			IWorkbenchPage page = window().getActivePage();
			IViewPart view = page.findView(ChirpPerspective.PROGRESS_VIEW);
			return view != null && page.isPartVisible(view);
		});
		assertTrue(progressVisible, "Progress view open and visible");
		for (String secondaryId : ChirpPerspective.CONSOLE_VIEW_IDS) {
			Boolean visible = onUi(() -> {
				IWorkbenchPage page = window().getActivePage();
				IViewReference ref = page.findViewReference(ChirpConsoleView.ID, secondaryId);
				return ref != null && ref.getView(false) != null && page.isPartVisible(ref.getPart(false));
			});
			assertTrue(visible, "Console view '" + secondaryId + "' open and visible");
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
		assertEquals(List.of(ChirpIds.START_COMMAND, ChirpIds.STOP_COMMAND, ChirpIds.STOP_ALL_COMMAND,
				ChirpIds.NEW_RUN_COMMAND, ChirpIds.NEW_RUN_COMMAND, ChirpIds.NEW_RUN_COMMAND, ChirpIds.NEW_RUN_COMMAND,
				ChirpIds.NEW_RUN_COMMAND, ChirpIds.NEW_RUN_COMMAND), runMenuCommands, "Start, Stop, Stop All, New Run..., then one item per source");
		assertEquals(List.of("New &Chirp Run...", "Run &Command...", "Open &Log...", "&Subscribe...", "New Counter Run..."),
				onUi(() -> runMenus.get(0).getChildren().stream()
						.filter(c -> c.getTags().contains(ChirpIds.SOURCE_ITEM_TAG)).map(c -> ((MHandledItem) c).getLabel())
						.toList()));
	}

	@Test
	void eachSourcePresentHasAToolbarButtonThatOpensItsNewRunPage() throws InterruptedException {
		EModelService models = onUi(() -> PlatformUI.getWorkbench().getService(EModelService.class));
		for (String source : List.of("io.chirp.source.chirp", "io.chirp.source.process", "io.chirp.source.log",
				"io.chirp.testsource")) {
			List<MHandledToolItem> items = onUi(
					() -> models.findElements(modelWindow(), ChirpIds.SOURCE_TOOL_ITEM + source, MHandledToolItem.class));
			assertEquals(1, items.size(), "one button for " + source);
			MHandledToolItem item = items.get(0);
			assertEquals(ChirpIds.NEW_RUN_COMMAND, onUi(() -> item.getCommand().getElementId()));
			assertEquals(source, onUi(() -> item.getParameters().get(0).getValue()));
			assertTrue(onUi(() -> item.getWidget() instanceof ToolItem w && !w.isDisposed()),
					"button for " + source + " rendered: " + onUi(() -> String.valueOf(item.getWidget())));
			// enablement follows the handler's @CanExecute, updated after the state changes
			waitFor("button for " + source + " enabled while idle",
					() -> onUi(() -> ((ToolItem) item.getWidget()).isEnabled()), 5);
		}
		assertEquals("Run Command", onUi(() -> models.findElements(modelWindow(),
				ChirpIds.SOURCE_TOOL_ITEM + "io.chirp.source.process", MHandledToolItem.class).get(0).getTooltip()));
	}

	@Test
	void workbenchIsTheOneTheApplicationRuns() {
		IWorkbench workbench = PlatformUI.getWorkbench();
		assertEquals(RunningWorkbench.display(), workbench.getDisplay());
	}

	// ---- helpers for runs ----

	private static IEclipseContext applicationContext() {
		return RunningWorkbench.applicationContext();
	}

	private static RunController controller() {
		return onUi(() -> applicationContext().get(RunController.class));
	}

	private static SourceCatalog sources() {
		return onUi(() -> applicationContext().get(SourceCatalog.class));
	}

	private static DataSourceFactory source(String id) {
		return sources().find(id).orElseThrow(() -> new AssertionError("no source " + id));
	}

	/**
	 * Runs New Run (with the source's page shown when {@code sourceId} is not null) as the toolbar does, and returns
	 * the dialog once it is open; the command blocks the UI thread's caller, so it runs from an asyncExec.
	 */
	private static NewRunDialog openNewRun(String sourceId) throws InterruptedException {
		RunningWorkbench.display().asyncExec(() -> {
			EHandlerService handlers = window().getService(EHandlerService.class);
			ECommandService commands = window().getService(ECommandService.class);
			handlers.executeHandler(commands.createCommand(ChirpIds.NEW_RUN_COMMAND,
					sourceId == null ? null : java.util.Map.of(ChirpIds.SOURCE_PARAMETER, sourceId)));
		});
		AtomicReference<NewRunDialog> dialog = new AtomicReference<>();
		waitFor("the New Run dialog", () -> onUi(() -> {
			for (org.eclipse.swt.widgets.Shell shell : RunningWorkbench.display().getShells()) {
				if (!shell.isDisposed() && shell.isVisible() && shell.getData() instanceof NewRunDialog d) {
					dialog.set(d);
				}
			}
			return dialog.get() != null;
		}), 10);
		return dialog.get();
	}

	/** The names of the sources a New Run dialog lists. */
	private static List<String> listed(NewRunDialog dialog) {
		return onUi(() -> java.util.Arrays.stream(((org.eclipse.swt.widgets.Table) find(dialog.getShell(),
				c -> "sources".equals(c.getData(NewRunDialog.KEY)))).getItems()).map(i -> i.getText()).toList());
	}

	private static void press(NewRunDialog dialog, String button) {
		RunningWorkbench.onUi((Runnable) () -> findButton(dialog.getShell(), button).notifyListeners(
				org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event()));
	}

	private static void type(NewRunDialog dialog, String key, String text) {
		RunningWorkbench.onUi((Runnable) () -> {
			Control field = dialog.field(key);
			if (field instanceof org.eclipse.swt.widgets.Combo combo) {
				combo.setText(text);
			} else {
				((Text) field).setText(text);
			}
		});
	}

	private static ChirpConsoles consoles() {
		return onUi(() -> applicationContext().get(ChirpConsoles.class));
	}

	/** Executes a command the way the toolbar, the menu and the key bindings do. */
	private static void execute(String commandId) {
		RunningWorkbench.onUi((Runnable) () -> {
			EHandlerService handlers = window().getService(EHandlerService.class);
			ECommandService commands = window().getService(ECommandService.class);
			handlers.executeHandler(commands.createCommand(commandId, null));
		});
	}

	private static boolean canExecute(String commandId) {
		return onUi(() -> {
			EHandlerService handlers = window().getService(EHandlerService.class);
			ParameterizedCommand command = window().getService(ECommandService.class).createCommand(commandId, null);
			return handlers.canExecute(command);
		});
	}

	private static void waitFor(String what, Supplier<Boolean> condition, long seconds) throws InterruptedException {
		LayoutViews.waitFor(what, condition::get, seconds);
	}

	private static String text(java.util.function.Function<ChirpConsoles, org.eclipse.ui.console.IOConsole> which) {
		ChirpConsoles consoles = consoles();
		return onUi(() -> which.apply(consoles).getDocument().get());
	}

	private static ChartPart chartPart() {
		return onUi(() -> (ChartPart) window().getService(EPartService.class).findPart(ChirpIds.CHART_PART)
				.getObject());
	}

	private static String statusText() {
		return onUi(() -> ((Label) find(window().getShell(), c -> Boolean.TRUE.equals(c.getData("io.chirp.status"))))
				.getText());
	}

	/** The first control under {@code parent}, depth first, that {@code wanted} accepts; null when none does. */
	private static Control find(Composite parent, java.util.function.Predicate<Control> wanted) {
		for (Control child : parent.getChildren()) {
			if (wanted.test(child)) {
				return child;
			}
			if (child instanceof Composite composite) {
				Control found = find(composite, wanted);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static Control findByLabel(Composite parent, String label) {
		return find(parent, c -> label.equals(c.getData("label")));
	}

	/**
	 * Puts {@code value} into a field as typing and then leaving it do: a field editor checks its value as each key
	 * is released, or when the field loses the focus.
	 */
	private static void type(Text field, String value) {
		field.setText(value);
		org.eclipse.swt.widgets.Event keyUp = new org.eclipse.swt.widgets.Event();
		keyUp.character = value.isEmpty() ? '\b' : value.charAt(value.length() - 1);
		field.notifyListeners(org.eclipse.swt.SWT.KeyUp, keyUp);
		field.notifyListeners(org.eclipse.swt.SWT.FocusOut, new org.eclipse.swt.widgets.Event());
	}

	/** A button by its label without its mnemonic ({@code Restore &Defaults} is "Restore Defaults"). */
	private static Button buttonLabelled(Composite parent, String text) {
		return (Button) find(parent, c -> c instanceof Button b && text.equals(b.getText().replace("&", "")));
	}

	private static Button findButton(Composite parent, String text) {
		return (Button) find(parent, c -> c instanceof Button b && text.equals(b.getText()));
	}

	private static void stopAndWaitForIdle() throws InterruptedException {
		RunController controller = controller();
		if (controller.state() != RunState.IDLE) {
			execute(ChirpIds.STOP_ALL_COMMAND);
		}
		waitFor("run idle", () -> controller.state() == RunState.IDLE, 5);
	}

	/** Every test leaves Chirp idle, whatever it asserted. */
	@org.junit.jupiter.api.AfterEach
	void leaveIdle() throws InterruptedException {
		if (PlatformUI.isWorkbenchRunning()) {
			stopAndWaitForIdle();
		}
	}

	// ---- behaviour ----

	@Test
	void aProgramsLinesThatLookLikeChirpsNoticesArePassedOverLikeAnyOther() throws InterruptedException {
		// notices are marked out of band, not by their text (issue #11, finding 4): before, every such line was
		// kept, which defeated the flood bound and grew the list of notices without limit
		ChirpConsoles consoles = consoles();
		consoles.output().clearConsole();
		waitFor("Output console cleared", () -> text(ChirpConsoles::output).isEmpty(), 10);
		List<String> lookalikes = new java.util.ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			lookalikes.add(String.format("[Chirp: a program's line %06d %s]", i, "x".repeat(40)));
		}
		consoles.outputSink().lines(lookalikes, false);
		consoles.outputSink().line("after the lookalikes", false);
		assertTrue(consoles.awaitWritten(10_000), "written within 10 s");
		waitFor("last line shown", () -> text(ChirpConsoles::output).contains("after the lookalikes"), 10);
		String shown = text(ChirpConsoles::output);
		assertTrue(shown.matches("(?s).*\\[Chirp: [0-9,]+ lines passed over.*"), "passed over and reported: "
				+ shown.substring(0, Math.min(200, shown.length())));
		assertTrue(shown.lines().filter(l -> l.contains("a program's line")).count() < 10_000,
				"the flood bound holds for them too");
	}

	@Test
	void eachConsoleHasItsOwnPinnedConsoleViewNamedAfterIt() throws InterruptedException {
		waitFor("console views pinned", ChirpWorkbenchTest::consolesPinnedAndVisible, 10);
		// each instance holds its own console only (one page, one viewer following the text): unpinned and asked to
		// show another console, it keeps its own
		ChirpConsoles consoles = consoles();
		RunningWorkbench.onUi((Runnable) () -> {
			IWorkbenchPage page = window().getActivePage();
			for (int i = 0; i < ChirpPerspective.CONSOLE_VIEW_IDS.size(); i++) {
				IConsoleView view = (IConsoleView) page.findViewReference(ChirpConsoleView.ID,
						ChirpPerspective.CONSOLE_VIEW_IDS.get(i)).getView(false);
				IOConsole own = consoles.all().get(i);
				view.setPinned(false);
				for (IOConsole other : consoles.all()) {
					view.display(other);
					assertSame(own, view.getConsole(), ChirpPerspective.CONSOLE_VIEW_IDS.get(i) + " asked to show " + other.getName());
				}
				view.setPinned(true);
			}
		});
	}

	/** Each Console view instance of the layout is open, visible and pinned to its own console. */
	private static boolean consolesPinnedAndVisible() {
		ChirpConsoles consoles = consoles();
		return onUi(() -> {
			IWorkbenchPage page = window().getActivePage();
			for (int i = 0; i < ChirpPerspective.CONSOLE_VIEW_IDS.size(); i++) {
				IViewReference ref = page.findViewReference(ChirpConsoleView.ID,
						ChirpPerspective.CONSOLE_VIEW_IDS.get(i));
				if (ref == null || !(ref.getView(false) instanceof IConsoleView view)
						|| view.getConsole() != consoles.all().get(i) || !view.isPinned()
						|| !page.isPartVisible(ref.getPart(false))) {
					return false;
				}
			}
			return true;
		});
	}

	/** Whether every Console view instance of the layout wraps long lines as {@code wrap} says. */
	private static boolean consoleViewsWrap(boolean wrap) {
		return onUi(() -> {
			IWorkbenchPage page = window().getActivePage();
			for (String secondaryId : ChirpPerspective.CONSOLE_VIEW_IDS) {
				IViewReference ref = page.findViewReference(ChirpConsoleView.ID, secondaryId);
				if (ref == null || !(ref.getView(false) instanceof IConsoleView view) || view.getWordWrap() != wrap) {
					return false;
				}
			}
			return true;
		});
	}

	@Test
	void theWindowOpensAtASizeThatFitsTheScreen() {
		assertEquals(new org.eclipse.swt.graphics.Point(1728, 972),
				ChirpWindowAdvisor.initialSize(new org.eclipse.swt.graphics.Rectangle(0, 0, 1920, 1080)));
		assertEquals(new org.eclipse.swt.graphics.Point(1229, 700),
				ChirpWindowAdvisor.initialSize(new org.eclipse.swt.graphics.Rectangle(0, 0, 1366, 768)));
		assertEquals(new org.eclipse.swt.graphics.Point(800, 600),
				ChirpWindowAdvisor.initialSize(new org.eclipse.swt.graphics.Rectangle(0, 0, 800, 600)), "never beyond the screen");
		onUi(() -> {
			org.eclipse.swt.graphics.Rectangle screen = window().getShell().getMonitor().getClientArea();
			org.eclipse.swt.graphics.Point size = window().getShell().getSize();
			assertTrue(size.x <= screen.width && size.y <= screen.height, size + " within " + screen);
			return null;
		});
	}

	@Test
	void theChartsToolRowFitsThePartWholeAtTheWindowsSizeAndNarrower() {
		onUi(() -> {
			ToolBar bar = (ToolBar) find(window().getShell(), c -> c instanceof ToolBar t
					&& java.util.Arrays.stream(t.getItems()).anyMatch(i -> "Whole history".equals(i.getText())));
			Composite row = bar.getParent();
			// as the window opened (here 9/10 of the screen), then as the chart part is on a 1366 x 768 laptop's
			// window (~760 px) and a little narrower by the sash beside it
			for (int width : new int[] { row.getSize().x, 760, 730 }) {
				row.setSize(width, row.getSize().y);
				row.layout(true);
				for (Control child : row.getChildren()) {
					org.eclipse.swt.graphics.Rectangle b = child.getBounds();
					assertTrue(b.x >= 0 && b.x + b.width <= row.getClientArea().width,
							child + " at " + b + " lies within the row " + row.getClientArea() + " (width " + width + ")");
				}
			}
			row.getParent().layout(true, true);
			return null;
		});
	}

	@Test
	void theRunToolBarStaysAtTheStartOfTheTopTrimAsInARestoredWindow() {
		onUi(() -> {
			var trimmed = (org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow) modelWindow();
			var bar = trimmed.getTrimBars().stream().filter(b -> b.getChildren().stream()
					.anyMatch(c -> ChirpIds.RUN_TOOLBAR.equals(c.getElementId()))).findFirst().orElseThrow();
			assertEquals(ChirpIds.RUN_TOOLBAR, bar.getChildren().get(0).getElementId(), "first in a new window");
			// a window restored from the last session has it after the platform's stretching spacer
			bar.getChildren().add(bar.getChildren().remove(0));
			assertTrue(bar.getChildren().size() > 1 && !ChirpIds.RUN_TOOLBAR.equals(bar.getChildren().get(0).getElementId()));
			ChirpWindowAdvisor.runToolBarFirst(window());
			assertEquals(ChirpIds.RUN_TOOLBAR, bar.getChildren().get(0).getElementId(), "first again");
			return null;
		});
	}

	@Test
	void aClosedViewComesBackFromWindowShowViewAndResetPerspectiveRestoresAll() throws InterruptedException {
		List<String> menus = onUi(() -> modelWindow().getMainMenu().getChildren().stream().map(m -> m.getElementId())
				.filter(id -> id != null && (id.startsWith("io.chirp.ui.menu.") || id.startsWith("io.chirp.app.menu."))).toList());
		assertEquals(List.of("io.chirp.ui.menu.file", "io.chirp.ui.menu.run", ChirpActionBarAdvisor.WINDOW_MENU,
				ChirpActionBarAdvisor.HELP_MENU), menus, "File, Run, Window, Help");
		for (ChirpActionBarAdvisor.ViewEntry entry : ChirpActionBarAdvisor.VIEWS) {
			if (entry.id().equals(ChirpIds.CHART_PART)) {
				continue; // the chart is the window's centre: it cannot be closed
			}
			LayoutViews.close(entry);
			assertFalse(LayoutViews.shown(entry), entry.label() + " closed");
			RunningWorkbench.onUi((Runnable) () -> new ChirpActionBarAdvisor.ShowViewAction(window(), entry).run());
			assertTrue(LayoutViews.shown(entry), entry.label() + " shown again by Window > Show View");
		}
		waitFor("every console in its view again", ChirpWorkbenchTest::consolesPinnedAndVisible, 10);

		for (ChirpActionBarAdvisor.ViewEntry entry : ChirpActionBarAdvisor.VIEWS) {
			if (!entry.id().equals(ChirpIds.CHART_PART)) {
				LayoutViews.close(entry);
			}
		}
		// what Window > Reset Perspective does once the user confirms
		RunningWorkbench.onUi((Runnable) () -> window().getActivePage().resetPerspective());
		for (ChirpActionBarAdvisor.ViewEntry entry : ChirpActionBarAdvisor.VIEWS) {
			assertTrue(LayoutViews.shown(entry), entry.label() + " back after Reset Perspective");
		}
		waitFor("every console pinned in its view after the reset", ChirpWorkbenchTest::consolesPinnedAndVisible, 10);
	}

	@Test
	void thePreferencePagesLoadValidateStoreAndApplyAtOnce() throws Exception {
		org.eclipse.core.runtime.preferences.IEclipsePreferences node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE);
		try {
			onPreferencePage("io.chirp.ui.preferences.consoles", (dialog, page) -> {
				assertEquals("Consoles", page.getTitle());
				Text limit = (Text) find((Composite) page.getControl(), c -> c instanceof Text);
				assertEquals(String.valueOf(ChirpConsoles.DEFAULT_LIMIT_CHARS), limit.getText(), "the default");
				type(limit, "5");
				assertFalse(page.isValid(), "out of range: cannot be applied");
				assertEquals("The output limit must be a whole number from 10,000 to 100,000,000 characters.",
						page.getErrorMessage());
				assertFalse(buttonLabelled(dialog.getShell(), "Apply and Close").isEnabled());
				type(limit, "200000");
				assertTrue(page.isValid());
				Text flood = texts(page).get(1);
				assertEquals(String.valueOf(ChirpConsoles.MAX_CHARS_PER_FLUSH), flood.getText(), "the flood bound's default");
				type(flood, "10");
				assertFalse(page.isValid(), "a flood bound of 10 characters");
				type(flood, "262144");
				assertTrue(page.isValid());
				Button wrap = (Button) find((Composite) page.getControl(), c -> c instanceof Button b
						&& (b.getStyle() & org.eclipse.swt.SWT.CHECK) != 0);
				assertFalse(wrap.getSelection(), "no wrapping by default");
				wrap.setSelection(true);
				wrap.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
				buttonLabelled(dialog.getShell(), "Apply and Close").notifyListeners(org.eclipse.swt.SWT.Selection,
						new org.eclipse.swt.widgets.Event());
			});
			assertEquals(200_000, node.getInt(io.chirp.ui.prefs.RunPreferences.CONSOLE_LIMIT, 0), "stored");
			assertEquals(262_144, node.getInt(io.chirp.ui.prefs.RunPreferences.CONSOLE_FLOOD_BOUND, 0), "stored");
			waitFor("every console view wraps its lines", () -> consoleViewsWrap(true), 5);
			assertEquals(200_000, onUi(() -> consoles().output().getHighWaterMark()), "applied at once");

			onPreferencePage("io.chirp.ui.preferences.chart", (dialog, page) -> {
				assertEquals("Chart", page.getTitle());
				List<Text> fields = texts(page);
				assertEquals(List.of("5", "60", "1"), fields.stream().map(Text::getText).toList(), "the defaults");
				type(fields.get(0), "0");
				assertFalse(page.isValid(), "a follow window of 0 s");
				assertEquals("The follow window must be a whole number of seconds from 1 to 3,600.", page.getErrorMessage());
				type(fields.get(0), "30");
				type(fields.get(2), "3");
				assertTrue(page.isValid());
				buttonLabelled(dialog.getShell(), "Apply and Close").notifyListeners(org.eclipse.swt.SWT.Selection,
						new org.eclipse.swt.widgets.Event());
			});
			waitFor("the chart follows 30 s with a 3-pixel line, at once",
					() -> onUi(() -> chartPart().followSeconds() == 30 && chartPart().signalLineWidth() == 3), 5);

			onPreferencePage("io.chirp.ui.preferences.runs", (dialog, page) -> {
				assertEquals("Runs", page.getTitle());
				Text folder = (Text) find((Composite) page.getControl(), c -> c instanceof Text);
				type(folder, "/no/such/folder");
				assertFalse(page.isValid(), "a folder that is not there");
				type(folder, "");
				assertTrue(page.isValid(), "empty: the default folder");
				Text grace = texts(page).get(2);
				assertEquals("", grace.getText(), "no default of the user's: the program's own 3 s");
				type(grace, "700");
				assertFalse(page.isValid(), "a grace period of 700 s");
				assertEquals("The grace period must be a whole number of seconds from 0 to 600 (or empty for 3 s).",
						page.getErrorMessage());
				type(grace, "10");
				assertTrue(page.isValid());
				type(grace, "");
				type(folder, System.getProperty("java.io.tmpdir"));
				assertTrue(page.isValid(), "an existing folder");
				buttonLabelled(dialog.getShell(), "Restore Defaults").notifyListeners(org.eclipse.swt.SWT.Selection,
						new org.eclipse.swt.widgets.Event());
				assertEquals("", folder.getText(), "Restore Defaults");
			});
		} finally {
			node.remove(io.chirp.ui.prefs.RunPreferences.CONSOLE_LIMIT);
			node.remove(io.chirp.ui.prefs.RunPreferences.CHART_FOLLOW_SECONDS);
			node.remove(io.chirp.ui.prefs.RunPreferences.CONSOLE_FLOOD_BOUND);
			node.remove(io.chirp.ui.prefs.RunPreferences.CONSOLE_WORD_WRAP);
			node.remove(io.chirp.ui.prefs.RunPreferences.CHART_LINE_WIDTH);
			node.flush();
			waitFor("the console views without wrapping again", () -> consoleViewsWrap(false), 5);
			waitFor("the chart's defaults again", () -> onUi(() -> chartPart().followSeconds() == 5
					&& chartPart().signalLineWidth() == 1), 5);
			assertEquals(ChirpConsoles.DEFAULT_LIMIT_CHARS, onUi(() -> consoles().output().getHighWaterMark()),
					"the default again once the preference is removed");
		}
	}

	/**
	 * Opens Window &gt; Preferences on page {@code pageId} and runs {@code body} on the UI thread with the dialog and
	 * the page; the dialog is closed afterwards unless the body closed it (Apply and Close).
	 */
	private static void onPreferencePage(String pageId,
			java.util.function.BiConsumer<org.eclipse.jface.preference.PreferenceDialog, org.eclipse.jface.preference.PreferencePage> body) {
		RunningWorkbench.onUi((Runnable) () -> {
			org.eclipse.jface.preference.PreferenceDialog dialog = org.eclipse.ui.dialogs.PreferencesUtil
					.createPreferenceDialogOn(window().getShell(), pageId, null, null);
			dialog.setBlockOnOpen(false);
			dialog.open();
			try {
				body.accept(dialog, (org.eclipse.jface.preference.PreferencePage) dialog.getSelectedPage());
			} finally {
				if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
					dialog.close();
				}
			}
		});
	}

	/** The text fields of a preference page, in order. */
	private static List<Text> texts(org.eclipse.jface.preference.PreferencePage page) {
		List<Text> texts = new java.util.ArrayList<>();
		find((Composite) page.getControl(), c -> {
			if (c instanceof Text text) {
				texts.add(text);
			}
			return false;
		});
		return texts;
	}

	/** Preferences &gt; Chirp &gt; Appearance: chooses {@code label} and presses Apply and Close. */
	private static void chooseTheme(String label) {
		onPreferencePage("io.chirp.ui.preferences.appearance", (dialog, p) -> {
			var page = (io.chirp.ui.prefs.AppearancePreferencePage) p;
			assertEquals(List.of("Light", "Dark"), List.of(page.themeCombo().getItems()));
			page.themeCombo().select(List.of(page.themeCombo().getItems()).indexOf(label));
			buttonLabelled(dialog.getShell(), "Apply and Close").notifyListeners(org.eclipse.swt.SWT.Selection,
					new org.eclipse.swt.widgets.Event());
		});
	}

	@Test
	void theDarkThemeDarkensTheChartsAndTheConsolesAndLightBringsThemBack() throws InterruptedException {
		assertEquals(io.chirp.ui.parts.ChartStyle.Scheme.LIGHT, onUi(() -> chartPart().scheme()), "light to begin with");
		try {
			chooseTheme("Dark");
			waitFor("the chart and the consoles dark", () -> onUi(() -> chartPart().scheme() == io.chirp.ui.parts.ChartStyle.Scheme.DARK
					&& io.chirp.ui.parts.ChartStyle.Scheme.DARK.background.equals(consoles().background())), 10);
			org.eclipse.swt.graphics.RGB background = onUi(() -> chartPart().getChart().getBackground().getRGB());
			assertTrue(background.red + background.green + background.blue < 3 * 80, "a dark chart: " + background);
			org.eclipse.swt.graphics.RGB text = onUi(() -> chartPart().getChart().getAxisSet().getXAxis(0).getTick()
					.getForeground().getRGB());
			assertTrue(text.red + text.green + text.blue > 3 * 180, "light tick labels: " + text);
		} finally {
			chooseTheme("Light");
			waitFor("light again", () -> onUi(() -> chartPart().scheme() == io.chirp.ui.parts.ChartStyle.Scheme.LIGHT
					&& consoles().background() == null), 10);
		}
	}

	@Test
	void aThemeThatDoesNotLoadLeavesTheLightOneAndSaysWhy() {
		RunningWorkbench.onUi((Runnable) () -> {
			var engine = PlatformUI.getWorkbench().getService(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.class);
			assertNotNull(engine, "the platform's theme engine");
			String light = io.chirp.ui.prefs.AppearancePreferencePage.LIGHT;
			String dark = io.chirp.ui.prefs.AppearancePreferencePage.DARK;
			// a theme the platform does not have: the engine passes over it without a word
			String missing = io.chirp.ui.prefs.AppearancePreferencePage.applyTheme(engine, "io.chirp.tests.no_such_theme");
			assertNotNull(missing, "a missing theme is reported");
			assertTrue(missing.contains("no theme io.chirp.tests.no_such_theme") && missing.endsWith("Chirp stays light."), missing);
			assertTrue(engine.getActiveTheme().getId().startsWith(light), "light: " + engine.getActiveTheme().getId());
			// a theme whose loading fails: an engine that throws on the Dark theme, as one with a broken stylesheet would
			var failing = (org.eclipse.e4.ui.css.swt.theme.IThemeEngine) java.lang.reflect.Proxy.newProxyInstance(
					org.eclipse.e4.ui.css.swt.theme.IThemeEngine.class.getClassLoader(),
					new Class<?>[] { org.eclipse.e4.ui.css.swt.theme.IThemeEngine.class },
					(proxy, method, args) -> {
						if (method.getName().equals("setTheme") && dark.equals(args[0])) {
							throw new IllegalStateException("stylesheet e4-dark_linux.css does not parse");
						}
						try {
							return method.invoke(engine, args);
						} catch (java.lang.reflect.InvocationTargetException e) {
							throw e.getCause();
						}
					});
			String broken = io.chirp.ui.prefs.AppearancePreferencePage.applyTheme(failing, dark);
			assertEquals("The Dark theme could not be applied (stylesheet e4-dark_linux.css does not parse): Chirp stays light.", broken);
			assertTrue(engine.getActiveTheme().getId().startsWith(light), "light: " + engine.getActiveTheme().getId());
			assertEquals(io.chirp.ui.parts.ChartStyle.Scheme.LIGHT, chartPart().scheme(), "the chart light");
			assertEquals(null, io.chirp.ui.prefs.AppearancePreferencePage.applyTheme(engine, light), "light applies");
		});
	}

	@Test
	void aboutChirpShowsTheRunningVersionJavaAndEveryBundle() {
		RunningWorkbench.onUi((Runnable) () -> {
			AboutChirpDialog dialog = new AboutChirpDialog(window().getShell());
			dialog.setBlockOnOpen(false);
			dialog.open();
			try {
				String version = org.osgi.framework.FrameworkUtil.getBundle(ChirpApplication.class).getVersion().toString();
				String facts = ((Text) find(dialog.getShell(), c -> "facts".equals(c.getData(AboutChirpDialog.KEY)))).getText();
				assertTrue(facts.startsWith("Version: " + version + "\n"), facts);
				assertTrue(facts.contains("Java: " + System.getProperty("java.vendor")), facts);
				assertTrue(facts.contains("Runs folder: "), facts);
				Table bundles = (Table) find(dialog.getShell(), c -> "bundles".equals(c.getData(AboutChirpDialog.KEY)));
				List<String> names = java.util.Arrays.stream(bundles.getItems()).map(i -> i.getText(0)).toList();
				assertTrue(names.contains("io.chirp.core") && names.contains("org.eclipse.swtchart"), names.toString());
				String coreLicence = java.util.Arrays.stream(bundles.getItems()).filter(i -> i.getText(0).equals("io.chirp.core"))
						.findFirst().orElseThrow().getText(2);
				assertEquals("EPL-2.0", coreLicence);
			} finally {
				dialog.close();
			}
		});
	}

	@Test
	void aFloodOfOutputIsPassedOverWithACountAndTheNewestLinesShownWhole() throws InterruptedException {
		ChirpConsoles consoles = consoles();
		consoles.output().clearConsole();
		waitFor("Output console cleared", () -> text(ChirpConsoles::output).isEmpty(), 10);
		// 100,000 lines at once: far more than a console is given per flush
		List<String> flood = new java.util.ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			flood.add(String.format("flood line %06d %s", i, "x".repeat(60)));
		}
		String notice = "[Chirp: 7 lines dropped: the output sink did not keep up]";
		consoles.outputSink().notice(notice, true); // Chirp's own notice, oldest of all: never passed over
		consoles.outputSink().lines(flood, false);
		consoles.outputSink().line("after the flood", false);
		assertTrue(consoles.awaitWritten(10_000), "written within 10 s");
		waitFor("last line shown", () -> text(ChirpConsoles::output).contains("after the flood"), 10);
		String shown = text(ChirpConsoles::output);
		java.util.regex.Matcher report = java.util.regex.Pattern.compile("\\[Chirp: ([0-9,]+) lines passed over")
				.matcher(shown);
		assertTrue(report.find(), "the passing over is reported: " + shown.substring(0, Math.min(200, shown.length())));
		long passedOver = Long.parseLong(report.group(1).replace(",", ""));
		String[] lines = shown.substring(shown.indexOf('\n', report.start()) + 1).split("\n");
		// after the report: the newest lines, whole and in order, with none missing
		long first = Long.parseLong(lines[0].substring(11, 17));
		assertEquals(passedOver, first, "the lines before the first shown are exactly those reported");
		for (int i = 0; i < lines.length - 1; i++) {
			assertEquals(flood.get((int) first + i), lines[i]);
		}
		assertEquals(100_000, first + lines.length - 1, "every line after the report is shown");
		assertEquals("after the flood", lines[lines.length - 1]);
		assertTrue(shown.contains(notice + "\n"), "the notice about dropped lines is kept");

		// lines at a readable rate are never passed over
		consoles.output().clearConsole();
		waitFor("Output console cleared", () -> text(ChirpConsoles::output).isEmpty(), 10);
		for (int i = 0; i < 200; i++) {
			consoles.outputSink().line("calm line " + i, false);
		}
		assertTrue(consoles.awaitWritten(10_000));
		waitFor("calm lines shown", () -> text(ChirpConsoles::output).contains("calm line 199"), 10);
		String calm = text(ChirpConsoles::output);
		assertFalse(calm.contains("passed over"), calm);
		for (int i = 0; i < 200; i++) {
			assertTrue(calm.contains("calm line " + i + "\n"), "calm line " + i);
		}
	}

	@Test
	void startStreamsTheChirpIntoTheChartTheConsolesAndTheStatusLine() throws Exception {
		RunController controller = controller();
		long framesBefore = chartPart().frames();
		execute(ChirpIds.START_COMMAND);
		waitFor("running", () -> controller.state() == RunState.RUNNING, 5);
		waitFor("frames drawn", () -> chartPart().frames() > framesBefore + 5, 10);
		waitFor("chart points", () -> onUi(() -> chartPart().signalPoints() > 100), 10);
		waitFor("worker console line", () -> text(ChirpConsoles::worker).contains("worker started: Chirp"), 10);
		waitFor("receiver console line", () -> text(ChirpConsoles::receiver).contains("receiver started"), 10);
		waitFor("captured output", () -> text(ChirpConsoles::output).contains("t = 1.0 s: 1,000 samples"), 10);
		waitFor("workbench console line", () -> text(ChirpConsoles::workbench).contains("of Chirp started"), 10);
		waitFor("receiver report", () -> text(ChirpConsoles::receiver).contains("Hz, min "), 10);
		waitFor("worker report", () -> text(ChirpConsoles::worker).contains("samples produced"), 10);
		waitFor("status line", () -> statusText().startsWith("Running |"), 5);
		assertTrue(statusText().contains("lost 0"), statusText());
		stopAndWaitForIdle();

		// the signal is drawn over SWTChart's plot area: an exported picture must show it too
		java.nio.file.Path png = java.nio.file.Files.createTempDirectory("chirp-signal").resolve("signal.png");
		RunningWorkbench.onUi((Runnable) () -> chartPart().exportPng(png));
		org.eclipse.swt.graphics.ImageData image = new org.eclipse.swt.graphics.ImageData(png.toString());
		int signalPixels = 0;
		for (int y = 0; y < image.height; y++) {
			for (int x = 0; x < image.width; x++) {
				org.eclipse.swt.graphics.RGB rgb = image.palette.getRGB(image.getPixel(x, y));
				if (rgb.red == 0x1f && rgb.green == 0x77 && rgb.blue == 0xb4) {
					signalPixels++;
				}
			}
		}
		assertTrue(signalPixels > 300, "pixels of the signal's colour in the exported picture: " + signalPixels);
	}

	@Test
	void stopEndsBothJobsAndTheSummarySaysNothingWasLost() throws InterruptedException {
		RunController controller = controller();
		execute(ChirpIds.START_COMMAND);
		waitFor("data", () -> controller.model().received() > 200, 10);
		long started = System.nanoTime();
		execute(ChirpIds.STOP_COMMAND);
		waitFor("idle", () -> controller.state() == RunState.IDLE, 2);
		assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "stopped within 2 s");
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "jobs of the run left");
		assertEquals(controller.model().produced(), controller.model().received());
		waitFor("summary", () -> text(ChirpConsoles::workbench).contains("lost = 0"), 5);
		assertTrue(text(ChirpConsoles::workbench).contains("of Chirp stopped"));
	}

	@Test
	void cancellingAJobAsTheProgressViewDoesStopsTheWholeRun() throws InterruptedException {
		RunController controller = controller();
		for (String jobName : List.of("Chirp worker", "Chirp receiver")) {
			execute(ChirpIds.START_COMMAND);
			waitFor("data", () -> controller.model().received() > 100, 10);
			Job job = java.util.Arrays.stream(Job.getJobManager().find(controller.family()))
					.filter(j -> j.getName().startsWith(jobName)).findFirst().orElseThrow();
			job.cancel(); // the Progress view's cancel button calls exactly this
			waitFor("idle after cancelling the " + jobName, () -> controller.state() == RunState.IDLE, 2);
			assertEquals(0, Job.getJobManager().find(controller.family()).length);
			assertEquals(0, controller.model().lost());
			assertEquals(controller.model().produced(), controller.model().received());
		}
	}

	@Test
	void startAndStopAreEnabledByRunState() throws InterruptedException {
		RunController controller = controller();
		assertEquals(RunState.IDLE, controller.state());
		assertTrue(canExecute(ChirpIds.START_COMMAND), "Start enabled while idle");
		assertFalse(canExecute(ChirpIds.STOP_COMMAND), "Stop disabled while idle");
		waitFor("toolbar shows Stop disabled", () -> onUi(() -> !toolItem(ChirpIds.STOP_TOOL_ITEM).getEnabled()), 5);
		execute(ChirpIds.START_COMMAND);
		waitFor("running", () -> controller.state() == RunState.RUNNING, 5);
		assertTrue(canExecute(ChirpIds.START_COMMAND), "Start stays enabled: a second run starts beside the first");
		assertTrue(canExecute(ChirpIds.STOP_COMMAND), "Stop enabled while running");
		assertTrue(canExecute(ChirpIds.STOP_ALL_COMMAND), "Stop All enabled while running");
		waitFor("toolbar shows Stop enabled", () -> onUi(() -> toolItem(ChirpIds.STOP_TOOL_ITEM).getEnabled()), 5);
		stopAndWaitForIdle();
		waitFor("toolbar shows Start enabled", () -> onUi(() -> toolItem(ChirpIds.START_TOOL_ITEM).getEnabled()), 5);
	}

	private static ToolItem toolItem(String id) {
		EModelService models = PlatformUI.getWorkbench().getService(EModelService.class);
		return (ToolItem) models.findElements(modelWindow(), id, MHandledToolItem.class).get(0).getWidget();
	}

	private static RunLibrary library() {
		return onUi(() -> applicationContext().get(RunLibrary.class));
	}

	private static RunsPart runsPart() {
		return onUi(() -> (RunsPart) window().getService(EPartService.class).findPart(ChirpIds.RUNS_PART).getObject());
	}

	@Test
	void twoRunsAtOnceAreListedStoppedOneByOneComparedAndOverlaid() throws Exception {
		RunController controller = controller();
		RunLibrary library = library();
		execute(ChirpIds.START_COMMAND);
		execute(ChirpIds.START_COMMAND);
		List<Run> running = controller.runs();
		assertEquals(2, running.size(), "two runs at once");
		assertEquals(4, Job.getJobManager().find(controller.family()).length, "a worker and a receiver each");
		Run first = running.get(0);
		Run second = running.get(1);
		waitFor("both listed in the Runs view", () -> onUi(() -> runsPart().rows().containsAll(running)), 5);
		waitFor("both stream", () -> first.model().received() > 200 && second.model().received() > 200, 10);
		waitFor("output lines prefixed with the run's name",
				() -> text(ChirpConsoles::output).contains("[" + first.name() + "] t = ")
						&& text(ChirpConsoles::output).contains("[" + second.name() + "] t = "), 10);

		// Stop stops the run selected in the Runs view; the other goes on
		RunningWorkbench.onUi((Runnable) () -> runsPart().select(List.of(first)));
		assertEquals(List.of(first), library.selected());
		execute(ChirpIds.STOP_COMMAND);
		waitFor("the selected run stopped", () -> first.status() == RunStatus.STOPPED, 5);
		assertEquals(RunStatus.RUNNING, second.status());
		long before = second.model().received();
		waitFor("the other goes on", () -> second.model().received() > before + 1000, 10);
		assertEquals(0, first.model().lost());
		waitFor("its row says stopped", () -> onUi(() -> runsPart().table().getItem(
				runsPart().rows().indexOf(first)).getText(2)).equals("stopped"), 5);

		// recorded as it streamed: its folder holds its metadata, and it lists again as it ended
		Path folder = first.folder();
		assertNotNull(folder, "recorded");
		assertTrue(Files.readString(folder.resolve(RunFiles.METADATA)).contains("\"state\": \"stopped\""));
		Run listed = new RunStore(folder.getParent()).list().stream().filter(r -> r.id().equals(first.id())).findFirst()
				.orElseThrow();
		assertEquals(RunStatus.STOPPED, listed.status());
		assertTrue(listed.load().series().size() > 0, "its signal is on disk");

		// rename from the Runs view: the run, its row and its metadata follow
		RunningWorkbench.onUi((Runnable) () -> runsPart().rename(first, "lr 1e-3"));
		assertEquals("lr 1e-3", first.name());
		assertTrue(Files.readString(folder.resolve(RunFiles.METADATA)).contains("\"name\": \"lr 1e-3\""));
		RunningWorkbench.onUi((Runnable) () -> runsPart().rename(first, "  "));
		assertEquals("lr 1e-3", first.name(), "a blank name is refused");
		waitFor("refusal said", () -> text(ChirpConsoles::workbench).contains("not renamed: A run needs a name."), 5);

		// a running run is not deleted
		RunningWorkbench.onUi((Runnable) () -> {
			runsPart().select(List.of(second));
			runsPart().deleteSelected(false);
		});
		waitFor("refusal said", () -> text(ChirpConsoles::workbench).contains("is running: stop it before deleting it."), 5);
		assertTrue(library.runs().contains(second));

		execute(ChirpIds.STOP_ALL_COMMAND);
		waitFor("all stopped", () -> controller.state() == RunState.IDLE, 5);
		assertEquals(0, second.summary().lost(), "nothing lost");

		// deleted (the confirmation answered): its row and its folder go
		RunningWorkbench.onUi((Runnable) () -> {
			runsPart().select(List.of(first));
			runsPart().deleteSelected(false);
		});
		assertFalse(library.runs().contains(first));
		assertFalse(Files.exists(folder), "its folder is gone");
		assertFalse(onUi(() -> runsPart().rows().contains(first)));

		// ended, recorded and not shown: its data is let go, and read again from its folder when it is shown
		waitFor("let go", () -> !second.isLoaded(), 5);
		long points = second.metricPoints();
		RunningWorkbench.onUi((Runnable) () -> runsPart().select(List.of(second)));
		waitFor("read again when shown", second::isLoaded, 10);
		assertTrue(second.model().series().size() > 0, "its signal, from its recording");
		assertEquals(points, second.metricPoints());
		RunningWorkbench.onUi((Runnable) () -> runsPart().select(List.of()));
	}

	@Test
	void selectedRunsAreOverlaidInTheirColoursAndComparedByLastValue() throws Exception {
		RunController controller = controller();
		DataSourceFactory counter = source("io.chirp.testsource");
		Run three = onUi(() -> io.chirp.ui.handlers.RunStarter.start(controller, consoles(), counter,
				java.util.Map.of("count", "3"), "count to three"));
		Run five = onUi(() -> io.chirp.ui.handlers.RunStarter.start(controller, consoles(), counter,
				java.util.Map.of("count", "5"), "count to five"));
		assertTrue(controller.join(three, 5_000) && controller.join(five, 5_000));
		assertEquals(RunStatus.FINISHED, three.status());
		// sortable: by name (a click on its title), then the other way (a second click)
		List<Run> both = List.of(five, three);
		waitFor("both rows in the Runs view", () -> onUi(() -> runsPart().rows().containsAll(both)), 5);
		onUi(() -> {
			runsPart().sortBy(io.chirp.ui.runs.RunColumns.NAME);
			assertEquals(List.of(five, three), runsPart().rows().stream().filter(both::contains).toList(),
					"count to five before count to three");
			runsPart().sortBy(io.chirp.ui.runs.RunColumns.NAME);
			assertEquals(List.of(three, five), runsPart().rows().stream().filter(both::contains).toList());
			runsPart().sortBy(io.chirp.ui.runs.RunColumns.STARTED); // back to newest first
			return null;
		});
		RunningWorkbench.onUi((Runnable) () -> runsPart().select(List.of(three, five)));
		// every point: a frame drawn while the grid had no size yet (behind the signal chart) is drawn again once it has
		waitFor("one chart, a line per run, each whole", () -> onUi(() -> {
			MetricChart chart = chartPart().metricGrid().chart("counted");
			return chart != null && chart.isShown("counted \u00b7 count to three") && chart.isShown("counted \u00b7 count to five")
					&& chart.values("counted \u00b7 count to three", false).length == 3
					&& chart.values("counted \u00b7 count to five", false).length == 5;
		}), 10);
		onUi(() -> {
			MetricChart chart = chartPart().metricGrid().chart("counted");
			assertEquals(Palette.colour(three.colourIndex()), chart.lineColour("counted \u00b7 count to three", false));
			assertEquals(Palette.colour(five.colourIndex()), chart.lineColour("counted \u00b7 count to five", false));
			assertArrayEquals(new double[] { 1, 2, 3, 4, 5 }, chart.values("counted \u00b7 count to five", false));
			assertTrue(chartPart().metricGrid().headerText().startsWith("2 runs: 1 metric in 1 chart, 8 points"),
					chartPart().metricGrid().headerText());
			Table table = runsPart().comparisonTable();
			assertEquals(1, table.getItemCount());
			assertEquals("counted", table.getItem(0).getText(0), "a count: neither way is better, no arrow");
			// the runs in the Runs view's order (newest first): five, then three
			assertTrue(table.getColumn(1).getText().startsWith("count to five"), table.getColumn(1).getText());
			assertTrue(table.getColumn(3).getText().startsWith("count to three"), table.getColumn(3).getText());
			assertEquals("5.0000", table.getItem(0).getText(1), "last of the first");
			assertEquals("3.0000", table.getItem(0).getText(3), "last of the second");
			assertEquals("", table.getItem(0).getText(4), "no best claimed for a count");
			return null;
		});
		RunningWorkbench.onUi((Runnable) () -> runsPart().select(List.of()));
	}

	@Test
	void aFailingJobIsReportedAndTheNextRunWorks() throws InterruptedException {
		RunController controller = controller();
		DataSource failing = new DataSource() {
			@Override
			public String name() {
				return "Broken";
			}

			@Override
			public double sampleRateHz() {
				return 100;
			}

			@Override
			public RawBatch next(long sequence, java.util.function.BooleanSupplier cancelled) {
				if (sequence == 3) {
					throw new IllegalStateException("sensor unplugged");
				}
				return new RawBatch(sequence, sequence, new double[] { sequence }, new double[] { 0 }, System.nanoTime());
			}
		};
		controller.start(failing, consoles().outputSink());
		waitFor("idle after the failure", () -> controller.state() == RunState.IDLE, 5);
		waitFor("error in the Workbench console",
				() -> text(ChirpConsoles::workbench).contains("ERROR: The data source Broken failed: sensor unplugged"), 5);
		waitFor("error in the status line", () -> statusText().contains("last run failed"), 5);
		// a run's start is posted from the UI thread, its end from a job: the start may be delivered after the end
		RunningWorkbench.onUi((Runnable) () -> PlatformUI.getWorkbench()
				.getService(org.eclipse.e4.core.services.events.IEventBroker.class)
				.send(io.chirp.ui.ChirpTopics.RUN_STATE, RunState.RUNNING));
		assertTrue(statusText().contains("last run failed"), "a start delivered late keeps the failure: " + statusText());
		execute(ChirpIds.START_COMMAND);
		waitFor("the next run streams", () -> controller.model().received() > 100, 10);
		stopAndWaitForIdle();
	}

	/** Visible shells other than the workbench window's: dialogs. */
	private static List<org.eclipse.swt.widgets.Shell> dialogs() {
		return onUi(() -> java.util.Arrays.stream(RunningWorkbench.display().getShells())
				.filter(shell -> !shell.isDisposed() && shell.isVisible() && shell != window().getShell()).toList());
	}

	@Test
	void aProgramThatFailsIsSaidInTheWindowWithoutADialogOrAStackTrace() throws Exception {
		RunController controller = controller();
		RunningWorkbench.onUi((Runnable) () -> dialogs().forEach(org.eclipse.swt.widgets.Shell::close)); // other tests'
		waitFor("no dialog open", () -> dialogs().isEmpty(), 5);
		// a source's own bug first: the workbench shows it in a dialog (else the check for none below could not fail)
		long before = System.nanoTime();
		controller.start(new DataSource() {
			@Override
			public String name() {
				return "Buggy";
			}

			@Override
			public double sampleRateHz() {
				return Double.NaN;
			}

			@Override
			public RawBatch next(long sequence, java.util.function.BooleanSupplier cancelled) {
				throw new IllegalStateException("a bug in the source");
			}
		}, consoles().outputSink());
		waitFor("a dialog for the source's bug", () -> dialogs().size() == 1, 10);
		long dialogShownAfterMillis = (System.nanoTime() - before) / 1_000_000;
		RunningWorkbench.onUi((Runnable) () -> dialogs().forEach(org.eclipse.swt.widgets.Shell::close));
		waitFor("the dialog closed", () -> dialogs().isEmpty(), 5);
		waitFor("idle", () -> controller.state() == RunState.IDLE, 5);

		int workbenchBefore = text(ChirpConsoles::workbench).length();
		controller.start(new io.chirp.source.process.ProcessSource(new io.chirp.source.process.ProcessSource.Spec(
				List.of("/bin/sh", "-c", "echo 'Traceback (most recent call last):' >&2; exit 3"), java.nio.file.Path.of("."),
				java.util.Map.of(), 1_000)), consoles().outputSink());
		waitFor("the run fails", () -> controller.state() == RunState.IDLE
				&& text(ChirpConsoles::workbench).contains("ERROR: The data source sh failed: sh exited with code 3"), 10);
		waitFor("said in the status line", () -> statusText().contains("last run failed"), 5);
		waitFor("the program's own message in the Output console",
				() -> text(ChirpConsoles::output).contains("Traceback (most recent call last):"), 5);
		// twice as long as the bug's dialog took, and a second more
		Thread.sleep(2 * dialogShownAfterMillis + 1_000);
		assertEquals(List.of(), dialogs(), "no dialog over the window for the program's failure");
		String said = text(ChirpConsoles::workbench).substring(workbenchBefore);
		assertFalse(said.contains("\tat "), "no stack trace: " + said);
	}

	@Test
	void invalidChirpParametersAreRefusedWithTheReasonAndValidOnesAccepted() {
		RunningWorkbench.onUi((Runnable) () -> {
			NewRunDialog dialog = new NewRunDialog(window().getShell(), sources().sources(), s -> List.of(),
					source("io.chirp.source.chirp"));
			dialog.setBlockOnOpen(false);
			dialog.open();
			try {
				assertEquals("New Run", dialog.getShell().getText());
				assertEquals("Chirp", dialog.chosen().label());
				Text sampleRate = (Text) dialog.field("sampleRateHz");
				Button start = findButton(dialog.getShell(), "Start");
				assertTrue(start.isEnabled(), "defaults are valid");
				sampleRate.setText("NaN");
				assertFalse(start.isEnabled(), "Start disabled for NaN");
				assertEquals("Sample rate [samples/s]: NaN is invalid: allowed range (0.0, 1.0E8]", dialog.getErrorMessage());
				sampleRate.setText("-3");
				assertFalse(start.isEnabled(), "Start disabled for a negative rate");
				sampleRate.setText("abc");
				assertEquals("Sample rate [samples/s]: 'abc' is not a number.", dialog.getErrorMessage());
				sampleRate.setText("2000");
				assertTrue(start.isEnabled(), "Start enabled again");
				assertEquals(null, dialog.getErrorMessage());
				assertEquals("2000", dialog.values().get("sampleRateHz"));
			} finally {
				dialog.close();
			}
		});
	}
	@Test
	void eachSourcesValuesAndTheConsoleLimitAreRememberedInThePreferences() throws Exception {
		org.eclipse.core.runtime.preferences.IEclipsePreferences node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE);
		try {
			SourceMemory memory = new SourceMemory(node);
			DataSourceFactory chirp = source("io.chirp.source.chirp");
			ChirpParameters chosen = new ChirpParameters(2, 0.5, 3, 2000, 100, 20);
			memory.remember(chirp, io.chirp.source.chirp.ChirpSourceFactory.values(chosen));
			assertEquals(chosen, io.chirp.source.chirp.ChirpSourceFactory.parameters(memory.last(chirp)));
			execute(ChirpIds.START_COMMAND);
			RunController controller = controller();
			waitFor("Start runs the remembered values", () -> controller.state() == RunState.RUNNING, 5);
			assertEquals(2000.0, controller.sampleRateHz());
			stopAndWaitForIdle();
			java.util.Map<String, String> invalid = new java.util.HashMap<>(memory.last(chirp));
			invalid.put("sampleRateHz", "-1"); // edited by hand into an invalid combination
			memory.remember(chirp, invalid);
			execute(ChirpIds.START_COMMAND);
			waitFor("Start falls back to the defaults", () -> controller.state() == RunState.RUNNING, 5);
			assertEquals(ChirpParameters.defaults().sampleRateHz(), controller.sampleRateHz());
			waitFor("and says why", () -> text(ChirpConsoles::workbench)
					.contains("The values last used for Chirp are not valid any more (Sample rate [samples/s]: -1.0 is invalid"), 5);
			stopAndWaitForIdle();
			node.putInt(io.chirp.ui.prefs.RunPreferences.CONSOLE_LIMIT, 5);
			assertEquals(1234567, io.chirp.ui.prefs.RunPreferences.consoleLimitChars(node, 1234567));
			node.putInt(io.chirp.ui.prefs.RunPreferences.CONSOLE_LIMIT, 200_000);
			assertEquals(200_000, io.chirp.ui.prefs.RunPreferences.consoleLimitChars(node, 1234567));
		} finally {
			node.clear();
			node.flush();
		}
	}
	@Test
	void watchingAProgramDrawsOneSeriesPerMetricWithALegendAndExportsWhatItShows() throws Exception {
		RunController controller = controller();
		io.chirp.source.process.ProcessSource program = new io.chirp.source.process.ProcessSource(new io.chirp.source.process.ProcessSource.Spec(
				List.of("/bin/sh", "-c", "echo starting; for i in 1 2 3 4 5; do echo \"step=$i loss=0.$((9 - i)) acc=0.$i\";"
						+ " sleep 0.05; done; echo '{\"step\": 5, \"val_loss\": 0.45}'; echo 'almost done' >&2"),
				java.nio.file.Path.of("."), java.util.Map.of(), 1_000));
		controller.start(program, consoles().outputSink());
		waitFor("the program ends the run", () -> controller.state() == RunState.IDLE
				&& text(ChirpConsoles::workbench).contains("exited with code 0"), 10);
		waitFor("a chart per scale: loss with val_loss, acc alone, each with a legend", () -> onUi(() -> {
			var grid = chartPart().metricGrid();
			return grid.groups().equals(List.of("loss", "acc")) && grid.chart("loss").values("val_loss", false) != null
					&& grid.chart("loss").values("loss", false).length == 5
					&& grid.chart("loss").chart().getLegend().isVisible();
		}), 5);
		assertEquals("Step", onUi(() -> chartPart().metricGrid().chart("loss").chart().getAxisSet().getXAxis(0).getTitle()
				.getText()));
		assertTrue(onUi(() -> chartPart().shownArea() == chartPart().metricGrid().control()),
				"a run without a signal gives the grid the whole area");
		waitFor("output", () -> text(ChirpConsoles::output).contains("step=5 loss=0.4 acc=0.5"), 5);
		waitFor("stderr", () -> text(ChirpConsoles::output).contains("almost done"), 5);
		waitFor("parsed events", () -> text(ChirpConsoles::worker).contains("step 3: loss=0.6 acc=0.3"), 5);

		java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("chirp-export");
		java.nio.file.Path csv = dir.resolve("data.csv");
		chartPart().exportCsv(csv);
		List<String> rows = java.nio.file.Files.readAllLines(csv);
		assertEquals("series,x,value", rows.get(0));
		// from the run's recording: every point, as the program printed it
		assertEquals(List.of("loss,1,0.8", "loss,2,0.7", "loss,3,0.6", "loss,4,0.5", "loss,5,0.4"),
				rows.stream().filter(r -> r.startsWith("loss,")).toList());
		assertEquals(1 + 11, rows.size(), "header + 5 loss + 5 acc + 1 val_loss rows: " + rows);
		java.nio.file.Path png = dir.resolve("chart.png");
		RunningWorkbench.onUi((Runnable) () -> chartPart().exportPng(png));
		org.eclipse.swt.graphics.ImageData image = new org.eclipse.swt.graphics.ImageData(png.toString());
		assertEquals((int) onUi(() -> chartPart().shownArea().getSize().x), image.width, "the grid as shown");
		assertTrue(image.height > 100);
	}

	@Test
	void aRunWithASignalAndMetricsShowsBothAndTheChartSettingsAreRemembered() throws Exception {
		RunController controller = controller();
		DataSource both = new DataSource() {
			@Override
			public String name() {
				return "Both";
			}

			@Override
			public double sampleRateHz() {
				return 100;
			}

			@Override
			public RawBatch next(long sequence, java.util.function.BooleanSupplier cancelled) {
				if (sequence == 20) {
					return null;
				}
				double[] t = { sequence / 100.0 };
				return new RawBatch(sequence, sequence, t, new double[] { Math.sin(sequence) }, System.nanoTime(),
						List.of(new io.chirp.core.source.MetricPoint("loss", "step", sequence, 1.0 / (sequence + 1))));
			}
		};
		controller.start(both, consoles().outputSink());
		waitFor("both the signal and the metric charts", () -> controller.state() == RunState.IDLE && onUi(() -> {
			ChartPart part = chartPart();
			return part.signalPoints() > 0 && part.metricGrid().groups().equals(List.of("loss"))
					&& part.shownArea() != part.getChart() && part.shownArea() != part.metricGrid().control();
		}), 10);
		org.eclipse.core.runtime.preferences.IEclipsePreferences node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE);
		try {
			RunningWorkbench.onUi((Runnable) () -> {
				chartPart().setSmoothing(0.6);
				chartPart().setFilter("lo");
				chartPart().setXAxis(io.chirp.ui.charts.XAxis.RUN_TIME);
			});
			assertEquals(60, node.getInt("chart.smoothing", -1), "the smoothing is remembered");
			assertEquals("lo", node.get("chart.filter", ""), "the filter is remembered");
			assertEquals("RUN_TIME", node.get("chart.xAxis", ""), "the x axis is remembered");
			waitFor("the smoothed line drawn", () -> onUi(() -> {
				var chart = chartPart().metricGrid().chart("loss");
				var smoothed = chart == null ? null : chart.values("loss", true); // drawn by the next frame
				return smoothed != null && smoothed.length == 20;
			}), 5);
		} finally {
			RunningWorkbench.onUi((Runnable) () -> {
				chartPart().setSmoothing(0);
				chartPart().setFilter("");
				chartPart().setXAxis(io.chirp.ui.charts.XAxis.STEP);
			});
		}
	}

	@Test
	void aProgramsProgressBarIsShownInPlaceInTheOutputConsoleAndInTheStatusLine() throws Exception {
		RunController controller = controller();
		// a tqdm bar on stderr: "\r" + state per refresh, "\n" when it closes; then a print on stdout
		StringBuilder script = new StringBuilder();
		for (int n = 0; n <= 40; n++) {
			script.append(String.format(java.util.Locale.ROOT, "printf '\\rEpoch 1: %3d%%%%|%-10s| %d/40 [00:%02d<00:%02d, 10.00it/s, loss=%.3f]' >&2; sleep 0.1; ",
					n * 100 / 40, "#".repeat(n / 4), n, n / 10, (40 - n) / 10, 2.0 / (1 + n)));
		}
		script.append("printf '\\n' >&2; echo 'val_loss=0.05'");
		controller.start(new io.chirp.source.process.ProcessSource(new io.chirp.source.process.ProcessSource.Spec(
				List.of("/bin/sh", "-c", script.toString()), java.nio.file.Path.of("."), java.util.Map.of(), 1_000)),
				consoles().outputSink());
		waitFor("the bar in the status line", () -> statusText().matches(".*Epoch 1: [1-3]\\d/40, 10.00 it/s, ETA 0:0\\d.*"), 10);
		waitFor("the program ends the run", () -> controller.state() == RunState.IDLE
				&& text(ChirpConsoles::workbench).contains("exited with code 0"), 15);
		waitFor("the last state and the print", () -> text(ChirpConsoles::output).contains("val_loss=0.05"), 5);
		String output = text(ChirpConsoles::output);
		List<String> barLines = output.lines().filter(l -> l.contains("Epoch 1:")).toList();
		assertEquals(1, barLines.size(), "one line for the bar, redrawn in place: " + barLines);
		assertTrue(barLines.get(0).startsWith("Epoch 1: 100%|##########| 40/40"), barLines.get(0));
		// the print may come before the bar's last state (two pipes): it then takes the bar's place, padded, and the bar follows
		assertTrue(output.lines().anyMatch(l -> l.strip().equals("val_loss=0.05")), output);
		SeriesBuffer loss = controller.model().metric("loss");
		assertEquals(40.0, loss.lastTime(), "x is the bar's count");
		assertTrue(loss.size() >= 10, "the falling loss, state after state: " + loss.size());
		assertFalse(statusText().contains("Epoch 1:"), "no bar once the run has ended: " + statusText());
	}

	@Test
	void openLogReadsAFinishedLogAsARun() throws Exception {
		java.nio.file.Path log = java.nio.file.Files.createTempFile("chirp-train", ".log");
		java.nio.file.Files.writeString(log, "Epoch 1/2\n 1/3 [=>....] - ETA: 2s - loss: 0.9000\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\r"
				+ " 3/3 [=====] - 1s 10ms/step - loss: 0.7000 - val_loss: 0.8000\n" + "Epoch 2/2\n"
				+ " 3/3 [=====] - 1s 10ms/step - loss: 0.5000 - val_loss: 0.6000\n" + "{'eval_acc': 0.75, 'epoch': 2.0}\n"
				+ "done: loss=nan\n");
		RunController controller = controller();
		NewRunDialog dialog = openNewRun("io.chirp.source.log"); // what Ctrl+O and the log source's button do
		assertEquals("Log file", onUi(() -> dialog.chosen().label()));
		type(dialog, "file", log.resolveSibling("no-such-file.log").toString());
		assertEquals("Log file: " + log.resolveSibling("no-such-file.log") + " does not exist.",
				onUi(dialog::getErrorMessage));
		assertFalse(onUi(() -> findButton(dialog.getShell(), "Start").isEnabled()));
		type(dialog, "file", log.toString());
		press(dialog, "Start");
		waitFor("the log read to its end", () -> controller.state() == RunState.IDLE
				&& text(ChirpConsoles::worker).contains("read " + log.getFileName() + ": 6 lines"), 10);
		RunModel model = controller.model();
		assertEquals(List.of("loss", "val_loss", "eval_acc"), model.metricNames());
		assertEquals(List.of(1.0, 3.0, 6.0), List.of(model.metric("loss").firstTime(), 3.0, model.metric("loss").lastTime()));
		assertEquals(3, model.metric("loss").size());
		waitFor("the text as a terminal showed it", () -> text(ChirpConsoles::output).contains("val_loss: 0.6000"), 5);
		String output = text(ChirpConsoles::output);
		assertFalse(output.contains("ETA: 2s"), "the redrawn state was overwritten in place: " + output);
		String prefix = "[" + controller().newest().name() + "] ";
		assertTrue(output.contains(prefix + "Epoch 1/2" + System.lineSeparator() + prefix + " 3/3 [=====] - 1s 10ms/step - loss: 0.7000"), output);
		waitFor("the malformed value reported", () -> text(ChirpConsoles::workbench).contains("line 6: malformed value loss=nan"), 5);
		waitFor("a chart per scale", () -> onUi(() -> chartPart().metricGrid().groups().equals(List.of("loss", "acc"))
				&& chartPart().metricGrid().chart("acc").values("eval_acc", false) != null), 5);
		// a file removed after the dialog checked it: the run ends with the reason
		controller.start(new io.chirp.source.log.LogFileSource(log.resolveSibling("no-such-file.log")),
				consoles().outputSink());
		waitFor("a clear error for a file that is not there", () -> controller.state() == RunState.IDLE
				&& text(ChirpConsoles::workbench).contains("no-such-file.log: no such file"), 10);
	}

	@Test
	void theProgramPageRefusesWhatCannotRun() {
		RunningWorkbench.onUi((Runnable) () -> {
			NewRunDialog dialog = new NewRunDialog(window().getShell(), sources().sources(), s -> List.of(),
					source("io.chirp.source.process"));
			dialog.setBlockOnOpen(false);
			dialog.open();
			try {
				Button start = findButton(dialog.getShell(), "Start");
				assertEquals(null, dialog.getErrorMessage(), "nothing typed yet: no error");
				assertEquals("The command line is empty: name a program to run.", dialog.getMessage(), "but what is needed");
				assertFalse(start.isEnabled());
				assertEquals(System.getProperty("user.home"), ((Text) dialog.field("directory")).getText(),
						"a program runs in the user's home unless told otherwise");
				org.eclipse.swt.widgets.Combo command = (org.eclipse.swt.widgets.Combo) dialog.field("command");
				command.setText("python3 \"train.py");
				assertEquals("The command line has an unclosed double quote: python3 \"train.py", dialog.getErrorMessage());
				command.setText("python3 train.py");
				((Text) dialog.field("directory")).setText("/no/such/dir");
				assertEquals("The working directory /no/such/dir does not exist or is not a folder.",
						dialog.getErrorMessage());
				((Text) dialog.field("directory")).setText(System.getProperty("java.io.tmpdir"));
				((Text) dialog.field("environment")).setText("SEED=3\nnot a variable");
				assertEquals("Environment line 2 'not a variable' is not NAME=value (a name of letters, digits and _).",
						dialog.getErrorMessage());
				((Text) dialog.field("environment")).setText("SEED=3");
				((Text) dialog.field("graceSeconds")).setText("-1");
				assertEquals("Grace period: -1 s is invalid: allowed range [0, 600] s.", dialog.getErrorMessage());
				assertFalse(start.isEnabled());
				((Text) dialog.field("graceSeconds")).setText("2.5");
				assertEquals(null, dialog.getErrorMessage());
				assertTrue(start.isEnabled());
				var spec = io.chirp.source.process.ProcessSourceFactory.spec(dialog.values());
				assertEquals(2_500, spec.graceMillis());
				assertEquals(java.util.Map.of("SEED", "3"), spec.environment());
				assertEquals(List.of("python3", "train.py"), spec.command());
			} finally {
				dialog.close();
			}
		});
	}

	@Test
	void aBrokerPasswordIsSavedOnlyInSecureStorageWhenAskedAndFilledInAgainForTheSameBrokerAndUser() throws Exception {
		// a secure storage of the test's own, with a fixed master password instead of the platform's prompt
		java.nio.file.Path file = java.nio.file.Files.createTempDirectory("chirp-secure").resolve("secure_storage");
		java.util.Map<String, Object> options = new java.util.HashMap<>();
		options.put(org.eclipse.equinox.security.storage.provider.IProviderHints.DEFAULT_PASSWORD,
				new javax.crypto.spec.PBEKeySpec("test master password".toCharArray()));
		options.put(org.eclipse.equinox.security.storage.provider.IProviderHints.PROMPT_USER, Boolean.FALSE);
		org.eclipse.equinox.security.storage.ISecurePreferences storage = org.eclipse.equinox.security.storage.SecurePreferencesFactory
				.open(file.toUri().toURL(), options);
		SecretMemory secrets = new SecretMemory(() -> storage);
		SecretMemory standard = onUi(() -> applicationContext().get(SecretMemory.class));
		RunningWorkbench.onUi((Runnable) () -> applicationContext().set(SecretMemory.class, secrets));
		org.eclipse.core.runtime.preferences.IEclipsePreferences node = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE);
		DataSourceFactory mqtt = source("io.chirp.source.mqtt");
		String password = "pa55-w0rd-\u00e9";
		try {
			NewRunDialog dialog = openNewRun(mqtt.id());
			Button save = onUi(() -> dialog.saveBox("password"));
			assertFalse(onUi(save::getSelection), "nothing saved yet: not ticked");
			type(dialog, "broker", "tcp://127.0.0.1:1"); // nobody listens: the run fails at once, which is fine here
			type(dialog, "user", "alice");
			type(dialog, "password", password);
			RunningWorkbench.onUi((Runnable) () -> save.setSelection(true));
			press(dialog, "Start");
			waitFor("the password saved", () -> {
				try {
					return password.equals(secrets.find(mqtt, java.util.Map.of("broker", "tcp://127.0.0.1:1", "user", "alice"), "password"));
				} catch (org.eclipse.equinox.security.storage.StorageException e) {
					throw new AssertionError(e);
				}
			}, 5);
			assertFalse(java.nio.file.Files.readString(file).contains("pa55"), "encrypted on disk");
			node.flush();
			for (String key : node.keys()) {
				assertFalse(node.get(key, "").contains("pa55"), "never in the preferences: " + key);
			}
			assertNull(secrets.find(mqtt, java.util.Map.of("broker", "tcp://127.0.0.1:1", "user", "bob"), "password"),
					"another user of the broker is not offered it");
			waitFor("the refused connection ended the run", () -> controller().state() == RunState.IDLE, 10);

			NewRunDialog again = openNewRun(mqtt.id());
			assertEquals("alice", onUi(() -> ((Text) again.field("user")).getText()));
			assertEquals(password, onUi(() -> ((Text) again.field("password")).getText()), "filled in again");
			assertTrue(onUi(() -> again.saveBox("password").getSelection()));
			RunningWorkbench.onUi((Runnable) () -> again.saveBox("password").setSelection(false));
			press(again, "Start");
			waitFor("unticked: forgotten", () -> !secrets.isSaved(mqtt,
					java.util.Map.of("broker", "tcp://127.0.0.1:1", "user", "alice"), "password"), 5);
			waitFor("the second run ended", () -> controller().state() == RunState.IDLE, 10);
			assertFalse(text(ChirpConsoles::workbench).contains("pa55"), "never in a console");
		} finally {
			RunningWorkbench.onUi((Runnable) () -> applicationContext().set(SecretMemory.class, standard));
			node.remove("source." + mqtt.id());
			node.flush();
		}
	}

	@Test
	void aSourceContributedThroughDeclarativeServicesOnlyRunsFromNewRunAndLeavesWithItsBundle() throws Exception {
		NewRunDialog dialog = openNewRun(null);
		assertEquals(List.of("Chirp", "Program", "Log file", "MQTT", "Counter"), listed(dialog), "every source present, by rank");
		RunningWorkbench.onUi((Runnable) () -> dialog.show(source("io.chirp.testsource")));
		type(dialog, "count", "0");
		assertEquals("Count to: 0 is invalid: count to 1 at least.", onUi(dialog::getErrorMessage));
		type(dialog, "count", "3");
		type(dialog, "word", "beep");
		press(dialog, "Start");
		RunController controller = controller();
		waitFor("the counter's run ends by itself", () -> controller.state() == RunState.IDLE
				&& controller.model() != null && controller.model().metricNames().contains("counted"), 10);
		assertEquals(3, controller.model().metric("counted").size());
		String prefix = "[" + controller.newest().name() + "] ";
		waitFor("its lines in the Output console, each with the run's name", () -> text(ChirpConsoles::output)
				.contains(prefix + "beep 1" + System.lineSeparator() + prefix + "beep 2" + System.lineSeparator() + prefix
						+ "beep 3"), 5);
		assertEquals("3", new SourceMemory(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
				.getNode(io.chirp.ui.prefs.RunPreferences.NODE)).last(source("io.chirp.testsource")).get("count"),
				"what Start was pressed with is remembered");

		org.osgi.framework.Bundle bundle = org.eclipse.core.runtime.Platform.getBundle("io.chirp.testsource");
		bundle.stop();
		try {
			waitFor("the source gone from the catalog", () -> sources().find("io.chirp.testsource").isEmpty(), 5);
			EModelService models = onUi(() -> PlatformUI.getWorkbench().getService(EModelService.class));
			waitFor("its button gone", () -> onUi(() -> models.findElements(modelWindow(),
					ChirpIds.SOURCE_TOOL_ITEM + "io.chirp.testsource", MHandledToolItem.class).isEmpty()), 5);
			NewRunDialog without = openNewRun(null);
			try {
				assertEquals(List.of("Chirp", "Program", "Log file", "MQTT"), listed(without));
			} finally {
				RunningWorkbench.onUi((Runnable) without::close);
			}
		} finally {
			bundle.start();
		}
		waitFor("back when its bundle is", () -> sources().find("io.chirp.testsource").isPresent(), 5);
	}
	@Test
	@Order(Integer.MAX_VALUE)
	void closingTheWindowMidRunStopsTheRunRestoresTheStreamsAndEndsTheWorkbench() throws InterruptedException {
		RunController controller = controller();
		java.io.PrintStream captured = System.out;
		execute(ChirpIds.START_COMMAND);
		waitFor("data", () -> controller.model().received() > 100, 10);
		long started = System.nanoTime();
		RunningWorkbench.display().asyncExec(() -> window().close()); // the window's close button
		assertTrue(RunningWorkbench.awaitEnd(TimeUnit.SECONDS.toMillis(2)), "workbench ended within 2 s of closing the window");
		assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2));
		assertEquals(PlatformUI.RETURN_OK, RunningWorkbench.exitCode());
		assertEquals(0, Job.getJobManager().find(controller.family()).length, "jobs of the run left");
		assertEquals(RunState.IDLE, controller.state());
		assertEquals(controller.model().produced(), controller.model().received(), "nothing lost at shutdown");
		assertFalse(System.out == captured, "System.out restored");
	}
}
