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

	/** The thread priority of a self-paced source's jobs (Chirp's runtime: nice 19). */
	static final int SELF_PACED_PRIORITY = Thread.MIN_PRIORITY;

	/** The thread priority of the jobs of a source that keeps up with a producer outside (Chirp's runtime: nice 4). */
	static final int KEEPING_UP_PRIORITY = Thread.MIN_PRIORITY + 1;

	/**
	 * Runs the work below normal thread priority: at full rate the worker and the receiver keep both cores of a
	 * small machine busy, and the UI thread (and the X server) must not wait behind them for a time slice to paint
	 * a frame or take a key press. A self-paced source (the chirp) runs lowest; a source that reads a program's
	 * output one step higher, so the program never waits on a full pipe while it computes on every core. The JVM
	 * makes Java's priorities the threads' nice values where it is told to ({@code -XX:ThreadPriorityPolicy=1} and
	 * the mapping in Chirp's runtime: 19 and 4); elsewhere this changes nothing. The jobs' worker thread goes back
	 * to normal priority after each job.
	 */
	@Override
	protected final IStatus run(IProgressMonitor monitor) {
		Thread.currentThread().setPriority(pipeline.source().selfPaced() ? SELF_PACED_PRIORITY : KEEPING_UP_PRIORITY);
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
