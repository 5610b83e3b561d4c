package io.chirp.app;

import org.eclipse.osgi.service.runnable.StartupMonitor;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Opens the connection to the display while Equinox is still starting bundles. The framework's launcher waits on
 * the main thread until the start level is reached and meanwhile calls every {@link StartupMonitor} there (that is
 * what the service is for: splash screens); the main thread is also the one the workbench will run on. Making the
 * SWT {@link Display} then (GTK's set-up, ~0.3 s here) overlaps it with the bundles' start on the other core, and
 * {@code PlatformUI.createDisplay()} takes the display the thread already has. The product starts this bundle at
 * start level 1; anywhere else (tests, a product that starts it later) nothing changes: the workbench makes the
 * display itself.
 */
public final class EarlyDisplay implements BundleActivator, StartupMonitor {

	/** The name the workbench gives the display (the product's appName): the window manager's class for Chirp. */
	static final String APP_NAME = "Chirp";

	private ServiceRegistration<StartupMonitor> registration;
	private boolean tried;

	@Override
	public void start(BundleContext context) {
		registration = context.registerService(StartupMonitor.class, this, null);
	}

	@Override
	public void stop(BundleContext context) {
		unregister();
	}

	@Override
	public synchronized void update() {
		if (tried) {
			return;
		}
		tried = true;
		if (Display.getCurrent() != null) {
			return;
		}
		try {
			Display.setAppName(APP_NAME);
			new Display();
		} catch (RuntimeException | LinkageError e) {
			// no display to talk to, or SWT's libraries missing: the workbench tries again and reports it as usual
		}
	}

	@Override
	public void applicationRunning() {
		unregister();
	}

	private synchronized void unregister() {
		if (registration != null) {
			try {
				registration.unregister();
			} catch (IllegalStateException alreadyGone) {
				// the framework unregisters a stopping bundle's services itself
			}
			registration = null;
		}
	}
}
