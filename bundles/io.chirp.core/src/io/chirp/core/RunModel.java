package io.chirp.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The data of the current run as the UI reads it: the signal history and live figures. The receiver writes, any
 * thread reads.
 */
public final class RunModel {

	private final SeriesBuffer series;
	private final AtomicLong produced = new AtomicLong();
	private final AtomicLong received = new AtomicLong();
	private final AtomicLong batches = new AtomicLong();
	private final AtomicLong missingSamples = new AtomicLong();
	private volatile RefinedBatch latest;
	private volatile int queueDepth;

	public RunModel(int capacity) {
		series = new SeriesBuffer(capacity);
	}

	public SeriesBuffer series() {
		return series;
	}

	void addProduced(int samples) {
		produced.addAndGet(samples);
	}

	void addMissing(long samples) {
		missingSamples.addAndGet(samples);
	}

	void store(RefinedBatch batch) {
		RawBatch raw = batch.raw();
		series.append(raw.times(), raw.values(), raw.size());
		received.addAndGet(raw.size());
		batches.incrementAndGet();
		latest = batch;
	}

	void setQueueDepth(int depth) {
		queueDepth = depth;
	}

	/** Samples the worker produced. */
	public long produced() {
		return produced.get();
	}

	/** Samples the receiver took from the queue. */
	public long received() {
		return received.get();
	}

	/** Samples stored in the history (the ring keeps the newest {@code capacity} of them). */
	public long stored() {
		return series.appendedCount();
	}

	public long batches() {
		return batches.get();
	}

	/**
	 * Samples not accounted for: missing sequence numbers seen by the receiver, plus, once the run has ended, the
	 * difference between produced and received. Stays 0 in a correct run.
	 */
	public long lost() {
		return missingSamples.get();
	}

	/** The newest refined batch, or null before the first. */
	public RefinedBatch latest() {
		return latest;
	}

	/** Batches waiting in the queue between worker and receiver, as last seen by the receiver. */
	public int queueDepth() {
		return queueDepth;
	}
}
