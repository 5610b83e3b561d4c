package io.chirp.core.run;

import java.util.concurrent.locks.LockSupport;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;

import io.chirp.core.output.OutputCapture;

/**
 * What the worker and the receiver have in common: they belong to their run's job family (so Stop, the Progress
 * view and shutdown treat them alike), and what they print goes to the run's output.
 */
abstract class RunJob extends Job {

	protected final Pipeline pipeline;

	RunJob(String name, Pipeline pipeline) {
		super(name);
		this.pipeline = pipeline;
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == pipeline.family() || family == pipeline.run();
	}

	@Override
	protected final IStatus run(IProgressMonitor monitor) {
		try (OutputCapture.Binding output = pipeline.bindOutput()) {
			return work(monitor);
		}
	}

	/**
	 * Wakes the job's thread when it waits in {@link LockSupport#parkNanos} (as the sources do), so Stop is seen at
	 * once rather than at the end of a wait slice. A spurious wake-up is harmless: every such wait loops.
	 */
	@Override
	protected void canceling() {
		Thread thread = getThread();
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/** The job's work, with what its thread prints routed to the run's output. */
	protected abstract IStatus work(IProgressMonitor monitor);
}
