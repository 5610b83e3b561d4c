package io.chirp.ui.dialogs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.chirp.core.ChirpParameters;

/**
 * Edits the chirp parameters. Every keystroke is validated by {@link ChirpParameters} itself, whose message (name,
 * value, allowed range) shows in the title area; OK stays disabled while any value is invalid.
 */
public class RunParametersDialog extends TitleAreaDialog {

	static final String START_FREQUENCY = "Start frequency [Hz]";
	static final String GROWTH = "Frequency growth [Hz/s]";
	static final String AMPLITUDE = "Amplitude";
	static final String SAMPLE_RATE = "Sample rate [samples/s]";
	static final String SAMPLES_PER_BATCH = "Samples per batch";
	static final String BATCH_PERIOD = "Batch period [ms] (0 = as fast as possible)";

	private final Map<String, Text> fields = new LinkedHashMap<>();
	private ChirpParameters parameters;

	public RunParametersDialog(Shell parent, ChirpParameters initial) {
		super(parent);
		this.parameters = initial;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("Run Parameters");
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle("Chirp parameters");
		setMessage("The chirp is a sine wave whose frequency grows steadily. Values apply from the next Start.");
		Composite form = new Composite(area, SWT.NONE);
		form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		form.setLayout(new GridLayout(2, false));
		add(form, START_FREQUENCY, format(parameters.startFrequencyHz()));
		add(form, GROWTH, format(parameters.growthHzPerSecond()));
		add(form, AMPLITUDE, format(parameters.amplitude()));
		add(form, SAMPLE_RATE, format(parameters.sampleRateHz()));
		add(form, SAMPLES_PER_BATCH, Integer.toString(parameters.samplesPerBatch()));
		add(form, BATCH_PERIOD, Long.toString(parameters.batchPeriodMillis()));
		return area;
	}

	private static String format(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
				: String.format(Locale.ROOT, "%s", value);
	}

	private void add(Composite form, String label, String value) {
		new Label(form, SWT.NONE).setText(label + ":");
		Text text = new Text(form, SWT.BORDER | SWT.RIGHT);
		text.setText(value);
		text.setData("label", label); // lets tests find the field
		text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		text.addModifyListener(e -> validate());
		fields.put(label, text);
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		validate();
	}

	/** Builds parameters from the fields; shows the first problem and disables OK while there is one. */
	private void validate() {
		String problem;
		try {
			parameters = new ChirpParameters(number(START_FREQUENCY), number(GROWTH), number(AMPLITUDE),
					number(SAMPLE_RATE), (int) whole(SAMPLES_PER_BATCH, Integer.MIN_VALUE, Integer.MAX_VALUE),
					whole(BATCH_PERIOD, Long.MIN_VALUE, Long.MAX_VALUE));
			problem = null;
		} catch (IllegalArgumentException e) {
			problem = e.getMessage();
		}
		setErrorMessage(problem);
		if (problem == null) {
			setMessage("The chirp is a sine wave whose frequency grows steadily. Values apply from the next Start.",
					IMessageProvider.NONE);
		}
		var ok = getButton(IDialogConstants.OK_ID);
		if (ok != null) {
			ok.setEnabled(problem == null);
		}
	}

	private double number(String label) {
		String text = fields.get(label).getText().trim();
		try {
			return Double.parseDouble(text);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(label + ": '" + text + "' is not a number");
		}
	}

	private long whole(String label, long min, long max) {
		String text = fields.get(label).getText().trim();
		try {
			long value = Long.parseLong(text);
			return Math.max(min, Math.min(max, value));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(label + ": '" + text + "' is not a whole number");
		}
	}

	/** The valid parameters the dialog was closed with. */
	public ChirpParameters parameters() {
		return parameters;
	}
}
