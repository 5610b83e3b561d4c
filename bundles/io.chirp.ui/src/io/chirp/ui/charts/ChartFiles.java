package io.chirp.ui.charts;

import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks where to save an export. */
public final class ChartFiles {

	private ChartFiles() {
	}

	public static Optional<Path> choose(Shell shell, String name, String extension) {
		FileDialog dialog = new FileDialog(shell, SWT.SAVE);
		dialog.setFileName(name);
		dialog.setFilterExtensions(new String[] { extension, "*" });
		dialog.setOverwrite(true);
		return Optional.ofNullable(dialog.open()).map(Path::of);
	}
}
