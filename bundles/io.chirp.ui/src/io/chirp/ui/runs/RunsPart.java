package io.chirp.ui.runs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerEditor;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationEvent;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationStrategy;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TableViewerEditor;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.chirp.core.model.Comparison;
import io.chirp.core.model.RunModel;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.ui.ChirpTopics;
import io.chirp.ui.charts.Palette;
import io.chirp.ui.consoles.ChirpConsoles;
import io.chirp.ui.run.RunLibrary;

/**
 * The Runs view: every run, live and recorded, one row each (name with the run's colour, source, state, start,
 * duration, points, last values, exit code), sortable by any column; a double-click or F2 renames, Delete deletes
 * (after asking). The selected runs are what the chart shows, overlaid; below, their last and best value of each
 * metric side by side.
 */
public class RunsPart {

	/** While a run is live its duration and figures change: the rows are refreshed this often. */
	static final int REFRESH_MILLIS = 1000;

	private RunLibrary library;
	private RunController controller;
	private ChirpConsoles consoles;
	private TableViewer viewer;
	private Table comparison;
	private final List<Image> swatches = new ArrayList<>();
	private RunColumns sortedBy = RunColumns.STARTED;
	private boolean descending = true;
	private boolean refreshing;

	@PostConstruct
	public void createControls(Composite parent, RunLibrary runLibrary, RunController runController,
			ChirpConsoles chirpConsoles) {
		this.library = runLibrary;
		this.controller = runController;
		this.consoles = chirpConsoles;
		parent.setLayout(new FillLayout());
		SashForm sash = new SashForm(parent, SWT.VERTICAL);
		viewer = new TableViewer(sash, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		Table table = viewer.getTable();
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		table.setData("io.chirp.runs", "runs");
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		for (RunColumns column : RunColumns.values()) {
			createColumn(column);
		}
		ColumnViewerToolTipSupport.enableFor(viewer);
		viewer.setComparator(new ViewerComparator() {
			@Override
			public int compare(Viewer v, Object a, Object b) {
				int order = sortedBy.order.compare((Run) a, (Run) b);
				return descending ? -order : order;
			}
		});
		table.setSortColumn(table.getColumn(sortedBy.ordinal()));
		table.setSortDirection(SWT.DOWN);
		viewer.addSelectionChangedListener(e -> {
			if (!refreshing) {
				library.select(selectedRuns());
				fillComparison();
			}
		});
		installRename();
		installMenu(table);
		table.addListener(SWT.KeyDown, e -> {
			if (e.keyCode == SWT.DEL) {
				deleteSelected(true);
			}
		});
		comparison = new Table(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
		comparison.setHeaderVisible(true);
		comparison.setLinesVisible(true);
		comparison.setToolTipText("Last and best value of each metric of the selected runs (best: lowest loss or error, else highest)");
		sash.setWeights(60, 40);
		refresh();
		scheduleRefresh(table);
	}

	private void createColumn(RunColumns column) {
		TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
		c.getColumn().setText(column.title);
		c.getColumn().setWidth(column.width);
		c.getColumn().setMoveable(true);
		c.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return column.text.apply((Run) element);
			}

			@Override
			public Image getImage(Object element) {
				return column == RunColumns.NAME ? swatch(((Run) element).colourIndex()) : null;
			}

			@Override
			public String getToolTipText(Object element) {
				return RunColumns.details((Run) element);
			}
		});
		c.getColumn().addListener(SWT.Selection, e -> sortBy(column));
		if (column == RunColumns.NAME) {
			c.setEditingSupport(renaming());
		}
	}

	/** Sorts by {@code column}; a second click on it turns the order round. */
	public void sortBy(RunColumns column) {
		descending = column == sortedBy ? !descending : column == RunColumns.STARTED;
		sortedBy = column;
		Table table = viewer.getTable();
		table.setSortColumn(table.getColumn(column.ordinal()));
		table.setSortDirection(descending ? SWT.DOWN : SWT.UP);
		viewer.refresh();
	}

	/** A small square of a run's colour, made once per colour. */
	private Image swatch(int colourIndex) {
		int i = Math.floorMod(colourIndex, 10);
		while (swatches.size() <= i) {
			Color colour = Palette.colour(swatches.size());
			Image image = new Image(viewer.getTable().getDisplay(), 12, 12);
			GC gc = new GC(image);
			gc.setBackground(colour);
			gc.fillRectangle(0, 0, 12, 12);
			gc.dispose();
			swatches.add(image);
		}
		return swatches.get(i);
	}

	private EditingSupport renaming() {
		return new EditingSupport(viewer) {
			@Override
			protected CellEditor getCellEditor(Object element) {
				return new TextCellEditor(viewer.getTable());
			}

			@Override
			protected boolean canEdit(Object element) {
				return true;
			}

			@Override
			protected Object getValue(Object element) {
				return ((Run) element).name();
			}

			@Override
			protected void setValue(Object element, Object value) {
				rename((Run) element, String.valueOf(value));
			}
		};
	}

	private void installRename() {
		ColumnViewerEditorActivationStrategy activation = new ColumnViewerEditorActivationStrategy(viewer) {
			@Override
			protected boolean isEditorActivationEvent(ColumnViewerEditorActivationEvent event) {
				return event.eventType == ColumnViewerEditorActivationEvent.MOUSE_DOUBLE_CLICK_SELECTION
						|| event.eventType == ColumnViewerEditorActivationEvent.PROGRAMMATIC
						|| event.eventType == ColumnViewerEditorActivationEvent.KEY_PRESSED && event.keyCode == SWT.F2;
			}
		};
		TableViewerEditor.create(viewer, activation, ColumnViewerEditor.KEYBOARD_ACTIVATION);
	}

	/** Renames a run; a blank name is refused with a line in the Workbench console. */
	public void rename(Run run, String name) {
		try {
			library.rename(run, name);
		} catch (IllegalArgumentException | IOException e) {
			consoles.workbenchError("Run " + run.name() + " not renamed: " + e.getMessage());
		}
		viewer.refresh(run);
	}

	private void installMenu(Table table) {
		Menu menu = new Menu(table);
		MenuItem stop = new MenuItem(menu, SWT.PUSH);
		stop.setText("Stop");
		stop.addListener(SWT.Selection, e -> selectedRuns().forEach(controller::requestStop));
		MenuItem rename = new MenuItem(menu, SWT.PUSH);
		rename.setText("Rename\tF2");
		rename.addListener(SWT.Selection, e -> {
			List<Run> runs = selectedRuns();
			if (runs.size() == 1) {
				viewer.editElement(runs.get(0), 0);
			}
		});
		MenuItem delete = new MenuItem(menu, SWT.PUSH);
		delete.setText("Delete...\tDelete");
		delete.addListener(SWT.Selection, e -> deleteSelected(true));
		menu.addListener(SWT.Show, e -> {
			List<Run> runs = selectedRuns();
			stop.setEnabled(runs.stream().anyMatch(r -> r.status().isLive()));
			rename.setEnabled(runs.size() == 1);
			delete.setEnabled(!runs.isEmpty() && runs.stream().noneMatch(r -> r.status().isLive()));
		});
		table.setMenu(menu);
	}

	/**
	 * Deletes the selected runs and their recordings; asks first when {@code confirm}. A live run is not deleted:
	 * the Workbench console says to stop it first.
	 */
	public void deleteSelected(boolean confirm) {
		List<Run> runs = selectedRuns();
		if (runs.isEmpty()) {
			return;
		}
		if (confirm && !MessageDialog.openConfirm(viewer.getTable().getShell(), "Delete Runs",
				runs.size() == 1 ? "Delete run " + runs.get(0).name() + " and its recording?"
						: "Delete these " + runs.size() + " runs and their recordings?")) {
			return;
		}
		try {
			library.delete(runs);
		} catch (IOException e) {
			consoles.workbenchError("Not deleted: " + e.getMessage());
		}
		refresh();
	}

	public List<Run> selectedRuns() {
		List<Run> runs = new ArrayList<>();
		for (Object o : ((IStructuredSelection) viewer.getSelection()).toList()) {
			runs.add((Run) o);
		}
		return runs;
	}

	/** Selects runs as a click would (tests). */
	public void select(List<Run> runs) {
		refresh(); // runs started a moment ago may not be rows yet
		viewer.setSelection(new StructuredSelection(runs), true);
	}

	/** The selection changed elsewhere (a new run is selected when it starts): the rows show it. */
	@Inject
	@Optional
	public void selectionChanged(@UIEventTopic(ChirpTopics.RUNS_SELECTED) Object selection) {
		if (viewer != null && !viewer.getTable().isDisposed()) {
			refresh();
		}
	}

	/** A run was added, changed or removed: the rows follow, the selection stays. */
	@Inject
	@Optional
	public void runsChanged(@UIEventTopic(ChirpTopics.RUNS_CHANGED) Object changed) {
		if (viewer != null && !viewer.getTable().isDisposed()) {
			refresh();
		}
	}

	private void refresh() {
		List<Run> runs = library.runs();
		refreshing = true;
		try {
			if (viewer.isCellEditorActive()) {
				return; // a rename in progress: the rows are refreshed when it ends
			}
			List<Run> selected = library.selected().stream().filter(runs::contains).toList();
			viewer.setInput(runs);
			viewer.setSelection(new StructuredSelection(selected));
		} finally {
			refreshing = false;
		}
		fillComparison();
	}

	private void scheduleRefresh(Table table) {
		table.getDisplay().timerExec(REFRESH_MILLIS, () -> {
			if (table.isDisposed()) {
				return;
			}
			List<Run> live = library.runs().stream().filter(r -> r.status().isLive()).toList();
			if (!live.isEmpty() && !viewer.isCellEditorActive()) {
				// only the live rows change by the second (duration, points, last values): a thousand recorded rows stay
				viewer.update(live.toArray(), new String[] { "figures" }); // no sort property: the order stays
				if (selectedRuns().stream().anyMatch(live::contains)) {
					fillComparison();
				}
			}
			scheduleRefresh(table);
		});
	}

	/** The comparison table: one row per metric, a "last" and a "best" column per selected run that is read. */
	private void fillComparison() {
		List<Run> runs = selectedRuns().stream().filter(Run::isLoaded).toList();
		List<RunModel> models = runs.stream().map(Run::model).toList();
		List<Comparison.Row> rows = Comparison.of(models);
		comparison.setRedraw(false);
		try {
			comparison.removeAll();
			int wanted = 1 + 2 * runs.size();
			while (comparison.getColumnCount() > wanted) {
				comparison.getColumn(comparison.getColumnCount() - 1).dispose();
			}
			while (comparison.getColumnCount() < wanted) {
				new TableColumn(comparison, SWT.RIGHT).setWidth(comparison.getColumnCount() == 0 ? 130 : 80);
			}
			TableColumn metric = comparison.getColumn(0);
			metric.setText(runs.isEmpty() ? "Select runs to compare" : "Metric");
			metric.setAlignment(SWT.LEFT);
			for (int i = 0; i < runs.size(); i++) {
				comparison.getColumn(1 + 2 * i).setText(runs.get(i).name() + " last");
				comparison.getColumn(2 + 2 * i).setText("best");
			}
			for (Comparison.Row row : rows) {
				TableItem item = new TableItem(comparison, SWT.NONE);
				item.setText(0, row.metric() + switch (row.goal()) {
					case LOWER -> " \u2193";
					case HIGHER -> " \u2191";
					case NONE -> ""; // no best either: its cells stay empty
				});
				for (int i = 0; i < runs.size(); i++) {
					Comparison.Figures f = row.runs().get(i);
					item.setText(1 + 2 * i, number(f.last()));
					item.setText(2 + 2 * i, number(f.best()));
				}
			}
			for (TableColumn column : comparison.getColumns()) {
				column.pack(); // a run's name in full above its figures
			}
		} finally {
			comparison.setRedraw(true);
		}
	}

	private static String number(double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5g", v);
	}

	/** The rows shown, in their order (tests). */
	public List<Run> rows() {
		List<Run> rows = new ArrayList<>();
		for (TableItem item : viewer.getTable().getItems()) {
			rows.add((Run) item.getData());
		}
		return rows;
	}

	/** The comparison table (tests). */
	public Table comparisonTable() {
		return comparison;
	}

	/** The runs table (tests). */
	public Table table() {
		return viewer.getTable();
	}

	@Focus
	public void setFocus() {
		viewer.getTable().setFocus();
	}

	@PreDestroy
	public void dispose() {
		swatches.forEach(Image::dispose);
	}
}
