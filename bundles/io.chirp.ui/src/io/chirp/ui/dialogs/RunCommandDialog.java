package io.chirp.ui.dialogs;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.chirp.core.ProcessSource;
import io.chirp.ui.prefs.RecentCommand;

/**
 * Asks what program to watch: command line (with the recent ones to pick from), working directory, extra
 * environment variables and the grace period Stop allows. Checked as you type; OK only when it can run.
 */
public class RunCommandDialog extends TitleAreaDialog {

	private static final String HINT = "Chirp runs the program, shows what it prints and plots the metrics in its lines"
			+ " (step=1 loss=0.5, or JSON lines).";

	private final List<RecentCommand> recent;
	private final RecentCommand initial;
	private Combo command;
	private Text directory;
	private Text environment;
	private Text grace;
	private RecentCommand chosen;
	private ProcessSource.Spec spec;

	public RunCommandDialog(Shell parent, List<RecentCommand> recent, String defaultDirectory) {
		super(parent);
		this.recent = recent;
		this.initial = recent.isEmpty()
				? new RecentCommand("", defaultDirectory, "", formatSeconds(ProcessSource.Spec.DEFAULT_GRACE_MILLIS))
				: recent.get(0);
	}

	private static String formatSeconds(long millis) {
		return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.3f", millis / 1000.0);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Run Command");
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle("Watch a program");
		setMessage(HINT);
		Composite form = new Composite(area, SWT.NONE);
		form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		form.setLayout(new GridLayout(3, false));

		label(form, "Command line:");
		command = new Combo(form, SWT.DROP_DOWN | SWT.BORDER);
		command.setLayoutData(span(2, 520));
		recent.forEach(r -> command.add(r.commandLine()));
		command.setText(initial.commandLine());
		command.setData("label", "command");
		command.addListener(SWT.Selection, e -> fill(recent.get(command.getSelectionIndex())));

		label(form, "Working directory:");
		directory = new Text(form, SWT.BORDER);
		directory.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		directory.setText(initial.directory());
		directory.setData("label", "directory");
		Button browse = new Button(form, SWT.PUSH);
		browse.setText("Browse...");
		browse.addListener(SWT.Selection, e -> {
			DirectoryDialog dialog = new DirectoryDialog(getShell());
			dialog.setFilterPath(directory.getText());
			String folder = dialog.open();
			if (folder != null) {
				directory.setText(folder);
			}
		});

		Label envLabel = label(form, "Environment\n(NAME=value lines):");
		envLabel.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
		environment = new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		GridData envData = span(2, 520);
		envData.heightHint = 70;
		environment.setLayoutData(envData);
		environment.setText(initial.environment());
		environment.setData("label", "environment");

		label(form, "Stop grace period [s]:");
		grace = new Text(form, SWT.BORDER | SWT.RIGHT);
		GridData graceData = new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1);
		graceData.widthHint = 80;
		grace.setLayoutData(graceData);
		grace.setText(initial.graceSeconds());
		grace.setData("label", "grace");

		for (Control c : new Control[] { command, directory, environment, grace }) {
			c.addListener(SWT.Modify, e -> validate());
		}
		return area;
	}

	private static Label label(Composite form, String text) {
		Label label = new Label(form, SWT.NONE);
		label.setText(text);
		return label;
	}

	private static GridData span(int columns, int width) {
		GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false, columns, 1);
		data.widthHint = width;
		return data;
	}

	private void fill(RecentCommand r) {
		command.setText(r.commandLine());
		directory.setText(r.directory());
		environment.setText(r.environment());
		grace.setText(r.graceSeconds());
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, "Run", true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		validate();
	}

	private void validate() {
		RecentCommand typed = new RecentCommand(command.getText(), directory.getText(), environment.getText(),
				grace.getText());
		String problem = null;
		try {
			spec = typed.toSpec();
			chosen = typed;
		} catch (IllegalArgumentException e) {
			spec = null;
			problem = e.getMessage();
		}
		setErrorMessage(problem);
		if (problem == null) {
			setMessage(HINT);
		}
		Button ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	/** What to run, valid once the dialog closed with OK. */
	public ProcessSource.Spec spec() {
		return spec;
	}

	/** The entry to remember in the recent list. */
	public RecentCommand chosen() {
		return chosen;
	}
}
