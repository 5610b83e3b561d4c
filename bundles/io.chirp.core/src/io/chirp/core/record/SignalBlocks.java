package io.chirp.core.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.chirp.core.model.SeriesBuffer;

/**
 * The signal file's blocks, little-endian, one per batch:
 * <ul>
 * <li>samples evenly spaced in time: {@code int32 n > 0}, {@code float64 firstTime}, {@code float64 interval}, then
 * {@code n float32} values (4 bytes a sample: the chirp at 50,000 samples/s writes 200 kB/s);</li>
 * <li>otherwise: {@code int32 -n}, then {@code n float64} times and {@code n float32} values.</li>
 * </ul>
 * A block cut short (a kill mid-write) ends the file for a reader; everything before it is read.
 */
public final class SignalBlocks {

	static final int UNIFORM_HEADER = 4 + 8 + 8;

	private SignalBlocks() {
	}

	/** Bytes {@link #encode} needs at most for {@code n} samples. */
	static int maxBytes(int n) {
		return 4 + 8 * n + 4 * n + 16;
	}

	/** Appends {@code n} samples as one block to {@code out} (which must have {@link #maxBytes} room). */
	static void encode(double[] times, double[] values, int n, ByteBuffer out) {
		out.order(ByteOrder.LITTLE_ENDIAN);
		double first = times[0];
		double interval = n > 1 ? (times[n - 1] - first) / (n - 1) : 0;
		// one pass without early exit: the JIT vectorizes it (this runs on the receiver's thread at full rate)
		double worst = 0;
		for (int i = 1; i < n - 1; i++) {
			worst = Math.max(worst, Math.abs(times[i] - (first + i * interval)));
		}
		boolean even = worst <= 1e-9 * Math.max(1, Math.max(Math.abs(first), Math.abs(times[n - 1])));
		if (even) {
			out.putInt(n).putDouble(first).putDouble(interval);
		} else {
			out.putInt(-n);
			for (int i = 0; i < n; i++) {
				out.putDouble(times[i]);
			}
		}
		float[] floats = FLOATS.get();
		if (floats.length < n) {
			floats = new float[Math.max(n, 2 * floats.length)];
			FLOATS.set(floats);
		}
		for (int i = 0; i < n; i++) {
			floats[i] = (float) values[i];
		}
		out.asFloatBuffer().put(floats, 0, n); // a view of the same bytes, little-endian as set above
		out.position(out.position() + 4 * n);
	}

	/** The receiver's conversion buffer (one per thread: recorders of several runs encode at once). */
	private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[1024]);

	/**
	 * Reads blocks from {@code in} into {@code into} (which keeps the newest of them) until the data ends or a
	 * block is cut short; returns the samples read.
	 */
	static long decode(ByteBuffer in, SeriesBuffer into) {
		in.order(ByteOrder.LITTLE_ENDIAN);
		long read = 0;
		double[] times = new double[0];
		double[] values = new double[0];
		while (in.remaining() >= 4) {
			int start = in.position();
			int header = in.getInt();
			int n = Math.abs(header);
			if (header == 0 || header == Integer.MIN_VALUE) {
				break; // not a block: the end of what was written
			}
			long need = header > 0 ? 16L + 4L * n : 12L * n;
			if (in.remaining() < need) {
				in.position(start);
				break; // cut short
			}
			if (times.length < n) {
				times = new double[n];
				values = new double[n];
			}
			if (header > 0) {
				double first = in.getDouble();
				double interval = in.getDouble();
				for (int i = 0; i < n; i++) {
					times[i] = first + i * interval;
				}
			} else {
				for (int i = 0; i < n; i++) {
					times[i] = in.getDouble();
				}
			}
			for (int i = 0; i < n; i++) {
				values[i] = in.getFloat();
			}
			into.append(times, values, n);
			read += n;
		}
		return read;
	}
}
