package io.chirp.app;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Help &gt; About Chirp: which Chirp this is (version and build), on which Java and SWT, where its workspace,
 * settings and runs live, and every bundle it runs with its version and licence. The facts are selectable text,
 * so they can be pasted into a bug report.
 */
public class AboutChirpDialog extends Dialog {

	/** Data key of the facts text and of the bundle table (tests find them by it). */
	public static final String KEY = "about";

	public AboutChirpDialog(Shell parent) {
		super(parent);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText("About Chirp");
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		area.setLayout(new GridLayout(1, false));
		Label title = new Label(area, SWT.NONE);
		title.setText("Chirp " + version() + ": watch long-running work live and stay in control");
		title.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());

		Text facts = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		facts.setData(KEY, "facts");
		StringBuilder text = new StringBuilder();
		facts().forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
		facts.setText(text.toString().strip());
		GridData factsData = new GridData(SWT.FILL, SWT.FILL, true, false);
		factsData.heightHint = 190;
		factsData.widthHint = 760;
		facts.setLayoutData(factsData);

		new Label(area, SWT.NONE).setText("Bundles (Chirp is under the Eclipse Public License 2.0; each bundle's licence as it declares it):");
		Table bundles = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		bundles.setData(KEY, "bundles");
		bundles.setHeaderVisible(true);
		for (String column : List.of("Bundle", "Version", "Licence")) {
			new TableColumn(bundles, SWT.LEFT).setText(column);
		}
		for (Bundle bundle : bundles()) {
			TableItem item = new TableItem(bundles, SWT.NONE);
			item.setText(new String[] { bundle.getSymbolicName(), bundle.getVersion().toString(), licence(bundle) });
		}
		for (TableColumn column : bundles.getColumns()) {
			column.pack();
		}
		GridData bundlesData = new GridData(SWT.FILL, SWT.FILL, true, true);
		bundlesData.heightHint = 220;
		bundles.setLayoutData(bundlesData);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
	}

	/** Chirp's version with its build qualifier (the build's time stamp), from the application bundle. */
	public static String version() {
		return FrameworkUtil.getBundle(AboutChirpDialog.class).getVersion().toString();
	}

	/** What the dialog says, in order; also what a bug report needs. */
	public static Map<String, String> facts() {
		Map<String, String> facts = new LinkedHashMap<>();
		facts.put("Version", version());
		facts.put("Java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version",
				System.getProperty("java.version")) + " (" + System.getProperty("java.vm.name") + ") in "
				+ System.getProperty("java.home"));
		String gtk = System.getProperty("org.eclipse.swt.internal.gtk.version");
		facts.put("SWT", org.eclipse.swt.SWT.getVersion() + " on " + org.eclipse.swt.SWT.getPlatform()
				+ (gtk == null ? "" : " (GTK " + gtk + ")"));
		facts.put("Operating system", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		facts.put("Installed in", location(Platform.getInstallLocation()));
		Path workspace = path(Platform.getInstanceLocation());
		facts.put("Workspace (layout, settings)", workspace == null ? "none" : workspace.toString());
		if (workspace != null) {
			facts.put("Settings file", workspace.resolve(".metadata/.plugins/org.eclipse.core.runtime/.settings/"
					+ io.chirp.ui.prefs.RunPreferences.NODE + ".prefs").toString());
		}
		facts.put("Runs folder", io.chirp.ui.prefs.RunPreferences.runsFolder(
				org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode(io.chirp.ui.prefs.RunPreferences.NODE))
				.toString());
		facts.put("Saved passwords", Path.of(System.getProperty("user.home"), ".eclipse",
				"org.eclipse.equinox.security", "secure_storage") + " (Eclipse secure storage, encrypted)");
		return facts;
	}

	/** The running bundles, by name. */
	static List<Bundle> bundles() {
		// the system bundle's context: always there (Chirp's application bundle is never started, so it has none)
		List<Bundle> all = new ArrayList<>(Arrays.asList(Platform.getBundle("org.eclipse.osgi").getBundleContext().getBundles()));
		all.removeIf(b -> b.getSymbolicName() == null);
		all.sort(Comparator.comparing(b -> b.getSymbolicName().toLowerCase(Locale.ROOT)));
		return all;
	}

	/** The licence a bundle declares (Bundle-License), Chirp's own, or what its vendor says. */
	static String licence(Bundle bundle) {
		String declared = bundle.getHeaders("").get("Bundle-License");
		if (declared != null && !declared.isBlank()) {
			return declared.split(";")[0].replace("\"", "").strip();
		}
		if (bundle.getSymbolicName().startsWith("io.chirp.")) {
			return "EPL-2.0";
		}
		if (bundle.getSymbolicName().startsWith("org.eclipse.")) {
			return "EPL-2.0 (Eclipse Foundation; see its about.html)";
		}
		String vendor = bundle.getHeaders("").get("Bundle-Vendor");
		return vendor == null ? "not declared" : "not declared (" + vendor + ")";
	}

	/** README.md beside the launch script, or null when this installation has none. */
	static Path readme() {
		Path install = path(Platform.getInstallLocation());
		Path readme = install == null ? null : install.resolve("README.md");
		return readme != null && Files.isReadable(readme) ? readme : null;
	}

	private static String location(Location location) {
		Path path = path(location);
		return path == null ? "unknown" : path.toString();
	}

	private static Path path(Location location) {
		URL url = location == null ? null : location.getURL();
		if (url == null) {
			return null;
		}
		try {
			return Path.of(url.toURI());
		} catch (URISyntaxException | IllegalArgumentException e) {
			return Path.of(url.getPath()); // a file: URL with spaces unescaped, as Equinox writes them
		}
	}
}
