package io.chirp.ui.dialogs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter;
import io.chirp.ui.prefs.SecretMemory;

/**
 * Run &gt; New Run...: the sources present on the left, the chosen source's page on the right, built from its
 * parameters and filled with what was last used (with the recent sets to pick from, for sources that keep them).
 * What is typed is checked as it is typed by the source itself ({@link DataSourceFactory#create}); its message
 * names the field, and Start is enabled only when the run can start.
 */
public class NewRunDialog extends TitleAreaDialog {

	/** Data key of every field: its parameter's key (tests and accessibility tools find fields by it). */
	public static final String KEY = "key";

	private final List<DataSourceFactory> sources;
	private final Function<DataSourceFactory, List<Map<String, String>>> recent;
	private final Map<DataSourceFactory, Page> pages = new LinkedHashMap<>();
	private DataSourceFactory selected;
	private Table list;
	private Composite stack;
	private StackLayout stackLayout;
	private LocalResourceManager images;
	private Map<String, String> chosenValues;
	private Text nameField;
	private String chosenName;
	/** Pages the user has typed into: only there is a problem shown as an error (an empty form is not a mistake). */
	private final java.util.Set<DataSourceFactory> touched = new java.util.HashSet<>();
	private final SecretMemory secrets;
	/** Pages whose saved secrets were looked up (once, when first shown: reading one may ask the master password). */
	private final java.util.Set<DataSourceFactory> secretsFilled = new java.util.HashSet<>();
	private String secretProblem;
	private Map<String, Boolean> chosenSaves = Map.of();
	private Function<DataSourceFactory, Map<String, String>> defaults = s -> SourceParameter.defaults(s.parameters());

	/** One source's page: a field per parameter, and a Save box per secret. */
	private record Page(Composite composite, Map<String, Control> fields, Map<String, Button> saveBoxes) {
	}

	/**
	 * @param sources  the sources to offer, in order
	 * @param recent   each source's remembered sets of values, newest first (the first fills its page)
	 * @param selected the source shown first, or null for the first
	 */
	public NewRunDialog(Shell parent, List<DataSourceFactory> sources,
			Function<DataSourceFactory, List<Map<String, String>>> recent, DataSourceFactory selected) {
		this(parent, sources, recent, selected, null);
	}

	/**
	 * @param secrets where passwords are saved when the user ticks <i>Save password</i>, or null for nowhere (no
	 *                box then)
	 */
	public NewRunDialog(Shell parent, List<DataSourceFactory> sources,
			Function<DataSourceFactory, List<Map<String, String>>> recent, DataSourceFactory selected,
			SecretMemory secrets) {
		super(parent);
		this.secrets = secrets != null && secrets.available() ? secrets : null;
		this.sources = List.copyOf(sources);
		this.recent = recent;
		this.selected = selected != null && sources.contains(selected) ? selected : sources.isEmpty() ? null : sources.get(0);
	}

	/** Where a page with nothing remembered takes its values (the user's defaults); before {@link #open()}. */
	public void setDefaults(Function<DataSourceFactory, Map<String, String>> defaults) {
		this.defaults = defaults;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("New Run");
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		images = new LocalResourceManager(JFaceResources.getResources(), area);
		Composite body = new Composite(area, SWT.NONE);
		body.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		body.setLayout(new GridLayout(2, false));

		list = new Table(body, SWT.SINGLE | SWT.BORDER | SWT.FULL_SELECTION);
		GridData listData = new GridData(SWT.FILL, SWT.FILL, false, true);
		listData.widthHint = 150;
		list.setLayoutData(listData);
		list.setData(KEY, "sources");
		for (DataSourceFactory source : sources) {
			TableItem item = new TableItem(list, SWT.NONE);
			item.setText(source.label());
			item.setData(source);
			item.setImage(icon(source));
		}
		list.addListener(SWT.Selection, e -> show((DataSourceFactory) list.getItem(list.getSelectionIndex()).getData()));

		stack = new Composite(body, SWT.NONE);
		stack.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		stackLayout = new StackLayout();
		stack.setLayout(stackLayout);
		for (DataSourceFactory source : sources) {
			pages.put(source, createPage(stack, source));
		}
		Composite naming = new Composite(area, SWT.NONE);
		naming.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		naming.setLayout(new GridLayout(2, false));
		new Label(naming, SWT.NONE).setText("Run name:");
		nameField = new Text(naming, SWT.BORDER);
		nameField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		nameField.setMessage("optional: named after the program, numbered");
		nameField.setToolTipText("How the run is listed in the Runs view, the charts' legends and the Output console");
		nameField.setData(KEY, "name");
		if (selected != null) {
			list.setSelection(sources.indexOf(selected));
			show(selected);
		} else {
			setTitle("New Run");
			setErrorMessage("No source is present: install a source bundle (io.chirp.source.*).");
		}
		return area;
	}

	private org.eclipse.swt.graphics.Image icon(DataSourceFactory source) {
		try {
			return source.iconURI() == null ? null
					: images.create(ImageDescriptor.createFromURL(URI.create(source.iconURI()).toURL()));
		} catch (RuntimeException | java.net.MalformedURLException e) {
			return null; // a source without a usable icon is still listed, by its name
		}
	}

	private Page createPage(Composite parent, DataSourceFactory source) {
		Composite page = new Composite(parent, SWT.NONE);
		page.setLayout(new GridLayout(3, false));
		Label description = new Label(page, SWT.WRAP);
		description.setText(source.description());
		GridData descriptionData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
		descriptionData.widthHint = 520;
		description.setLayoutData(descriptionData);
		Map<String, Control> fields = new LinkedHashMap<>();
		Map<String, Button> saveBoxes = new LinkedHashMap<>();
		List<Map<String, String>> sets = recent.apply(source);
		Map<String, String> initial = sets.isEmpty() ? defaults.apply(source) : sets.get(0);
		boolean first = true;
		for (SourceParameter p : source.parameters()) {
			Label label = new Label(page, SWT.NONE);
			label.setText(p.label() + ":");
			Control field;
			if (first && source.recentKept() > 0 && p.kind() != SourceParameter.Kind.LINES
					&& p.kind() != SourceParameter.Kind.SECRET) {
				Combo combo = new Combo(page, SWT.DROP_DOWN | SWT.BORDER);
				sets.forEach(s -> combo.add(s.get(p.key())));
				combo.setText(initial.get(p.key()));
				combo.addListener(SWT.Selection, e -> {
					fill(source, sets.get(combo.getSelectionIndex()));
					fillSecrets(source);
				});
				combo.addListener(SWT.Modify, e -> typed(source));
				field = combo;
			} else {
				int style = SWT.BORDER;
				style |= switch (p.kind()) {
				case LINES -> SWT.MULTI | SWT.V_SCROLL;
				case SECRET -> SWT.PASSWORD;
				case NUMBER -> SWT.RIGHT;
				default -> SWT.NONE;
				};
				Text text = new Text(page, style);
				text.setText(initial.getOrDefault(p.key(), p.defaultValue()));
				text.addListener(SWT.Modify, e -> typed(source));
				field = text;
			}
			first = false;
			field.setData(KEY, p.key());
			if (!p.help().isEmpty()) {
				field.setToolTipText(p.help());
			}
			boolean browse = p.kind() == SourceParameter.Kind.FOLDER || p.kind() == SourceParameter.Kind.FILE;
			GridData data = new GridData(SWT.FILL, p.kind() == SourceParameter.Kind.LINES ? SWT.FILL : SWT.CENTER, true,
					false, browse ? 1 : 2, 1);
			data.widthHint = p.kind() == SourceParameter.Kind.NUMBER ? 120 : 420;
			if (p.kind() == SourceParameter.Kind.LINES) {
				data.heightHint = 70;
				label.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
			}
			field.setLayoutData(data);
			if (browse) {
				Button button = new Button(page, SWT.PUSH);
				button.setText("Browse...");
				button.addListener(SWT.Selection, e -> browse(p, field));
			}
			fields.put(p.key(), field);
			if (p.kind() == SourceParameter.Kind.SECRET && secrets != null) {
				new Label(page, SWT.NONE);
				Button save = new Button(page, SWT.CHECK);
				save.setText("Save password in secure storage");
				save.setToolTipText("Encrypted in Eclipse secure storage (never in the preferences) and filled in again"
						+ " for the same settings (a broker and user name); untick to forget it");
				save.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
				save.setData(KEY, p.key() + ".save");
				saveBoxes.put(p.key(), save);
			}
		}
		return new Page(page, fields, saveBoxes);
	}

	/**
	 * Fills each empty secret field of {@code source}'s page with the password saved for what the page now names
	 * (its broker and user), and ticks its Save box; a password that cannot be read is said, not fatal.
	 */
	private void fillSecrets(DataSourceFactory source) {
		Page page = pages.get(source);
		if (secrets == null || page.saveBoxes().isEmpty()) {
			return;
		}
		Map<String, String> values = valuesOf(page);
		secretProblem = null;
		page.saveBoxes().forEach((key, box) -> {
			boolean saved = secrets.isSaved(source, values, key);
			box.setSelection(saved);
			if (saved && text(page.fields().get(key)).isEmpty()) {
				try {
					String secret = secrets.find(source, values, key);
					if (secret != null) {
						setText(page.fields().get(key), secret);
					}
				} catch (org.eclipse.equinox.security.storage.StorageException e) {
					secretProblem = "The saved password could not be read from secure storage: " + e.getMessage();
				}
			}
		});
		validate();
	}

	private void browse(SourceParameter p, Control field) {
		String current = text(field);
		String chosen;
		if (p.kind() == SourceParameter.Kind.FOLDER) {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setFilterPath(current);
			chosen = dialog.open();
		} else {
			FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
			dialog.setText(p.label());
			dialog.setFileName(current);
			chosen = dialog.open();
		}
		if (chosen != null) {
			setText(field, chosen);
		}
	}

	private static String text(Control field) {
		return field instanceof Combo combo ? combo.getText() : ((Text) field).getText();
	}

	private static void setText(Control field, String value) {
		if (field instanceof Combo combo) {
			combo.setText(value);
		} else {
			((Text) field).setText(value);
		}
	}

	private void fill(DataSourceFactory source, Map<String, String> values) {
		pages.get(source).fields().forEach((key, field) -> {
			if (values.containsKey(key)) {
				setText(field, values.get(key));
			}
		});
	}

	/** Shows {@code source}'s page (also for tests: the same as clicking it in the list). */
	public void show(DataSourceFactory source) {
		selected = source;
		if (list != null && list.getSelectionIndex() != sources.indexOf(source)) {
			list.setSelection(sources.indexOf(source));
		}
		stackLayout.topControl = pages.get(source).composite();
		stack.layout(true, true);
		setTitle(source.label());
		if (secretsFilled.add(source)) {
			fillSecrets(source);
		}
		validate();
	}

	/** The values on the shown page, by parameter key. */
	public Map<String, String> values() {
		return valuesOf(pages.get(selected));
	}

	private static Map<String, String> valuesOf(Page page) {
		Map<String, String> values = new LinkedHashMap<>();
		page.fields().forEach((key, field) -> values.put(key, text(field)));
		return values;
	}

	/** The Save box of secret {@code key} on the shown page, or null (tests tick it). */
	public Button saveBox(String key) {
		return pages.get(selected).saveBoxes().get(key);
	}

	/** The field of {@code key} on the shown page (tests type into it). */
	public Control field(String key) {
		return pages.get(selected).fields().get(key);
	}

	/** Typing starts in the shown page's first field, not in the list of sources. */
	@Override
	public void create() {
		super.create();
		if (selected != null) {
			pages.get(selected).fields().values().stream().findFirst().ifPresent(Control::setFocus);
		}
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Start", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		validate();
	}

	private void typed(DataSourceFactory source) {
		if (getShell() != null && getShell().isVisible()) {
			touched.add(source); // filling the fields while the dialog is built is not typing
		}
		validate();
	}

	/** Asks the source whether it can start with what is typed; shows its reason and enables Start accordingly. */
	private void validate() {
		if (selected == null || stackLayout == null) {
			return;
		}
		String problem;
		try {
			selected.create(values());
			problem = null;
		} catch (IllegalArgumentException e) {
			problem = e.getMessage();
		}
		if (problem == null && secretProblem != null) {
			setErrorMessage(null);
			setMessage(secretProblem, IMessageProvider.WARNING);
		} else if (problem == null) {
			setErrorMessage(null);
			setMessage("Start runs it with these values; they are remembered for the next time.", IMessageProvider.NONE);
		} else if (touched.contains(selected)) {
			setErrorMessage(problem);
		} else {
			setErrorMessage(null);
			setMessage(problem, IMessageProvider.INFORMATION); // what is still needed, before anything was typed
		}
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	@Override
	protected void okPressed() {
		chosenValues = values();
		chosenName = nameField.getText().strip();
		Map<String, Boolean> saves = new LinkedHashMap<>();
		pages.get(selected).saveBoxes().forEach((key, box) -> saves.put(key, box.getSelection()));
		chosenSaves = saves;
		super.okPressed();
	}

	/** The source chosen, once the dialog closed with Start. */
	public DataSourceFactory chosen() {
		return selected;
	}

	/** The run's name as typed (blank: named after its source). */
	public String chosenName() {
		return chosenName;
	}

	/**
	 * For each secret of the chosen source that can be saved: whether Save was ticked when Start was pressed
	 * (unticked: a saved one is to be forgotten).
	 */
	public Map<String, Boolean> chosenSaves() {
		return chosenSaves;
	}

	/** The values Start was pressed with. */
	public Map<String, String> chosenValues() {
		return chosenValues;
	}
}
