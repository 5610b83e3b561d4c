package io.chirp.ui.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import io.chirp.core.source.DataSourceFactory;

/**
 * The sources present: every {@link DataSourceFactory} a bundle offers as an OSGi service, followed as bundles come
 * and go (a ServiceTracker). Ordered by rank, then label; the default source (Start) is the first.
 */
public final class SourceCatalog implements AutoCloseable {

	private final ServiceTracker<DataSourceFactory, DataSourceFactory> tracker;
	private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

	/** Starts following the sources; {@code changed} runs (on the registering thread) whenever one comes or goes. */
	public SourceCatalog(BundleContext context) {
		tracker = new ServiceTracker<>(context, DataSourceFactory.class,
				new ServiceTrackerCustomizer<DataSourceFactory, DataSourceFactory>() {
					@Override
					public DataSourceFactory addingService(ServiceReference<DataSourceFactory> reference) {
						DataSourceFactory factory = context.getService(reference);
						if (factory != null) {
							changed();
						}
						return factory;
					}

					@Override
					public void modifiedService(ServiceReference<DataSourceFactory> reference, DataSourceFactory service) {
						changed();
					}

					@Override
					public void removedService(ServiceReference<DataSourceFactory> reference, DataSourceFactory service) {
						context.ungetService(reference);
						changed();
					}
				});
		tracker.open();
	}

	/** Called after the tracker's view changed; listeners must not block (they post to the UI thread). */
	private void changed() {
		changeListeners.forEach(Runnable::run);
	}

	public void addChangeListener(Runnable listener) {
		changeListeners.add(listener);
	}

	/** The sources present now, lowest rank first. */
	public List<DataSourceFactory> sources() {
		List<DataSourceFactory> all = new ArrayList<>(tracker.getTracked().values());
		all.sort(Comparator.comparingInt(DataSourceFactory::rank).thenComparing(DataSourceFactory::label)
				.thenComparing(DataSourceFactory::id));
		return all;
	}

	public Optional<DataSourceFactory> find(String id) {
		return sources().stream().filter(f -> f.id().equals(id)).findFirst();
	}

	/** What Start runs at once: the source of lowest rank (the built-in chirp when present). */
	public Optional<DataSourceFactory> defaultSource() {
		List<DataSourceFactory> all = sources();
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
	}

	@Override
	public void close() {
		tracker.close();
	}
}
