package io.chirp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.output.OutputCapture;
import io.chirp.core.output.OutputSink;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.source.chirp.ChirpParameters;
import io.chirp.source.chirp.ChirpSource;
import io.chirp.ui.parts.ChartStyle;
import io.chirp.ui.parts.SignalChart;
import io.chirp.ui.run.FramePacer;

/**
 * UI figures on a real SWT display (Xvfb when headless): chart frame time with Chirp's decimation against the
 * whole history handed to SWTChart, UI timer lateness idle and while streaming, end-to-end latency, and pipeline
 * throughput against one queue item and one asyncExec per sample. Prints Markdown table rows.
 */
public final class UiBenchmark {

	/** What the runs print (progress lines) is captured and discarded, so only the tables reach the output. */
	private static final OutputCapture CAPTURE = OutputCapture.install();
	private static final OutputSink DISCARD = (line, stderr) -> {
	};

	private static final int CHART_WIDTH = 1000;
	private static final int CHART_HEIGHT = 600;

	private final Display display = new Display();
	private final Shell shell = new Shell(display);
	private final Chart chart;
	/** The whole history handed to SWTChart: the naive baseline. */
	private final ILineSeries<?> line;
	/** Chirp's chart of the signal, as the chart part has it: the decimation as one line, repainting what changed. */
	private final SignalChart signal;
	/** Paints of the plot area finished so far (the listener runs after SWTChart's own painting). */
	private long paints;
	/** How long each dispatch that painted the plot area took, while {@link #timingPaintDispatches}. */
	private final List<Double> paintDispatches = new ArrayList<>();
	/** Of each of those: the UI thread on a CPU, and waiting for one (ms). */
	private final List<Double> paintDispatchesOnCpu = new ArrayList<>();
	private final List<Double> paintDispatchesWaitingForCpu = new ArrayList<>();
	private boolean timingPaintDispatches;
	private Runnable afterPaint = () -> {
	};
	private final UISynchronize ui = new UISynchronize() {
		@Override
		public void syncExec(Runnable runnable) {
			display.syncExec(runnable);
		}

		@Override
		public void asyncExec(Runnable runnable) {
			display.asyncExec(runnable);
		}

		@Override
		protected boolean isUIThread(Thread thread) {
			return display.getThread() == thread;
		}

		@Override
		protected void showBusyWhile(Runnable runnable) {
			runnable.run();
		}

		@Override
		protected boolean dispatchEvents() {
			return display.readAndDispatch();
		}
	};

	private UiBenchmark() {
		shell.setLayout(new FillLayout());
		signal = new SignalChart(shell, display.getSystemColor(SWT.COLOR_BLUE), () -> {
		}, on -> {
		});
		chart = signal.chart();
		line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, "signal");
		line.setSymbolType(PlotSymbolType.NONE);
		line.setLineWidth(1);
		line.setAntialias(SWT.OFF);
		chart.getPlotArea().getControl().addListener(SWT.Paint, e -> {
			paints++;
			afterPaint.run();
		});
		shell.setSize(CHART_WIDTH + shell.getSize().x - shell.getClientArea().width,
				CHART_HEIGHT + shell.getSize().y - shell.getClientArea().height);
		shell.open();
		shell.setSize(CHART_WIDTH, CHART_HEIGHT);
		settle(300);
	}

	public static void main(String[] args) throws Exception {
		UiBenchmark bench = new UiBenchmark();
		System.out.printf(Locale.ROOT, "UI benchmark: %d cores, Java %s, SWT %s on %s, chart %dx%d px%n%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SWT.getVersion(),
				SWT.getPlatform(), CHART_WIDTH, CHART_HEIGHT);
		System.out.println("| figure | median | p99 | max | unit | naive baseline (median) | baseline / median | target | met |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		// every section by default; or those named (-Dchirp.bench.ui=timer,grid), to look at one figure again
		Set<String> only = Arrays.stream(System.getProperty("chirp.bench.ui", "").split(",")).map(String::strip)
				.filter(name -> !name.isEmpty()).collect(java.util.stream.Collectors.toSet());
		Map<String, ThrowingRunnable> sections = new LinkedHashMap<>();
		sections.put("frames", bench::frameTimes);
		sections.put("timer", bench::timerLateness);
		sections.put("latency", bench::latency);
		sections.put("mqtt", bench::mqttLatency);
		sections.put("throughput", bench::throughputAgainstPerSampleAsyncExec);
		sections.put("grid", bench::metricGrid);
		if (!sections.keySet().containsAll(only)) {
			throw new IllegalArgumentException("chirp.bench.ui names " + only + "; the sections are " + sections.keySet());
		}
		try {
			for (Map.Entry<String, ThrowingRunnable> section : sections.entrySet()) {
				if (only.isEmpty() || only.contains(section.getKey())) {
					// the first section too: one run alone then starts as it does in the whole benchmark, not with
					// what setting up left for its first collection to copy (a 30-46 ms pause in the timer's figure)
					bench.collectLeftovers();
					section.getValue().run();
				}
			}
		} finally {
			bench.display.dispose();
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {
		void run() throws Exception;
	}

	// ---- chart frame time ----

	private void frameTimes() {
		boolean baselineGaveUp = false;
		for (int n : new int[] { 10_000, 100_000, 1_000_000 }) {
			for (String shape : List.of("chirp", "noise")) {
				double[] x = new double[n];
				double[] y = new double[n];
				Random random = new Random(1);
				for (int i = 0; i < n; i++) {
					x[i] = i;
					// ~40 visible cycles, or the worst case a chirp becomes once its frequency outgrows the pixels
					y[i] = shape.equals("chirp") ? Math.sin(2 * Math.PI * 40.0 * i / n) : random.nextDouble() * 2 - 1;
				}
				SeriesBuffer buffer = new SeriesBuffer(n);
				buffer.append(x, y, n);
				chart.getAxisSet().getXAxis(0).setRange(new Range(0, n));
				chart.getAxisSet().getYAxis(0).setRange(new Range(-1.1, 1.1));
				clearLines();
				signal.setFollow(false); // the whole series, as after zooming out
				double[] decimated = measure(30, () -> signal.draw(buffer, shape));
				double baseline = Double.NaN;
				if (!baselineGaveUp) {
					clearLines();
					double[] full = measure(n >= 1_000_000 ? 3 : 5, () -> {
						line.setXSeries(x);
						line.setYSeries(y);
					});
					clearLines();
					baseline = full[full.length / 2];
					baselineGaveUp = baseline > 5_000;
				}
				double target = n == 1_000_000 ? (shape.equals("chirp") ? 8 : 12) : Double.NaN;
				row("chart frame, " + String.format(Locale.ROOT, "%,d", n) + " samples, " + shape, decimated, "ms",
						baseline, target, true);
			}
		}
	}

	private void clearLines() {
		line.setXSeries(new double[0]);
		line.setYSeries(new double[0]);
		signal.clear();
	}

	/**
	 * Update + paint finished, in ms, {@code frames} times. Frames are 20 ms apart (unmeasured), as the chart part
	 * paces them, so GTK's frame clock does not hold a paint back for the previous one.
	 */
	private double[] measure(int frames, Runnable update) {
		double[] ms = new double[frames];
		for (int f = 0; f < frames; f++) {
			settle(20);
			long t0 = System.nanoTime();
			update.run();
			paintNow();
			ms[f] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms;
	}

	/**
	 * Redraws the plot area, runs the event loop until its paint has finished (GTK paints from its frame
	 * clock, not inside {@code update()}), and waits until the X server has the pixels (a 1-pixel read is a round
	 * trip).
	 */
	private void paintNow() {
		long before = paints;
		Control plot = chart.getPlotArea().getControl();
		plot.redraw();
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (paints == before && System.nanoTime() < deadline) {
			if (!display.readAndDispatch()) {
				Thread.onSpinWait();
			}
		}
		if (paints == before) {
			throw new IllegalStateException("the plot area was not painted within 10 s");
		}
		Image probe = new Image(display, 1, 1);
		GC gc = new GC(plot);
		gc.copyArea(probe, 0, 0);
		gc.dispose();
		probe.dispose();
	}

	/** A title that changes as the chart part's does: the newest frequency. */
	private static String title(RunModel model) {
		io.chirp.core.model.RefinedBatch latest = model.latest();
		return "bench" + (latest == null || latest.signal() == null ? "" : " " + latest.signal());
	}

	// ---- UI responsiveness ----

	/** Lateness of a 10 ms UI timer, in ms, for {@code millis}. */
	private double[] timerLateness(long millis) {
		List<Double> late = new ArrayList<>();
		long end = System.nanoTime() + millis * 1_000_000L;
		long[] due = { System.nanoTime() + 10_000_000L };
		Runnable[] tick = new Runnable[1];
		tick[0] = () -> {
			long now = System.nanoTime();
			late.add(Math.max(0, (now - due[0]) / 1e6));
			if (now < end) {
				due[0] = System.nanoTime() + 10_000_000L;
				display.timerExec(10, tick[0]);
			}
		};
		display.timerExec(10, tick[0]);
		while (System.nanoTime() < end + 50_000_000L) {
			dispatchOrWait();
		}
		return late.stream().mapToDouble(Double::doubleValue).sorted().toArray();
	}

	private void timerLateness() throws InterruptedException {
		double[] idle = timerLateness(3_000);
		row("UI timer lateness, idle", idle, "ms", Double.NaN, Double.NaN, false);
		// streaming at full rate into a 10k-sample view, frames paced by FramePacer as in the chart part
		RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
		RunModel[] model = new RunModel[1];
		// as the chart part does: the signal chart follows the live edge (here the last 10,000 samples) under a title
		// that names the newest frequency, frames paced by FramePacer
		signal.setWindowSeconds(10_000 / 1e6);
		signal.setFollow(true);
		FramePacer pacer = new FramePacer(ui, chart, () -> signal.draw(model[0].series(), title(model[0])), 16);
		clearLines();
		long paintsBefore = paints;
		controller.addListener(new RunListener() {
			@Override
			public void batchStored(RunModel m) {
				pacer.request();
			}
		});
		model[0] = controller.start(new ChirpSource(new ChirpParameters(0.5, 1000, 1, 1_000_000, 10_000, 0)), DISCARD);
		// 2 s of streaming warm the path up before 5 s are measured, as for the metric grid: measured cold, the JIT
		// compiled through all 5 s (by perf: a C2 thread busy on one of the two cores throughout, and a fifth of the
		// UI thread's samples in the interpreter in the first second)
		settle(2_000);
		paintsBefore = paints;
		long samplesBefore = model[0].received();
		paintDispatches.clear();
		paintDispatchesOnCpu.clear();
		paintDispatchesWaitingForCpu.clear();
		timingPaintDispatches = true;
		long putOffBefore = signal.framesPutOff();
		double[] streaming = timerLateness(5_000);
		timingPaintDispatches = false;
		long putOff = signal.framesPutOff() - putOffBefore;
		long samples = model[0].received() - samplesBefore;
		controller.stop(5_000);
		double p99Idle = percentile(idle, 0.99);
		double p99 = percentile(streaming, 0.99);
		System.out.printf(Locale.ROOT,
				"| UI timer lateness, streaming (%,.1f M samples/s, %d frames/s; %d frames put off, the series held by the receiver) | %.2f | %.2f | %.2f | ms | idle p99 %.2f | +%.2f over idle | p99 <= idle + 5, max <= idle + 16 | %s |%n",
				samples / 5e6, (paints - paintsBefore) / 5, putOff, percentile(streaming, 0.5), p99, streaming[streaming.length - 1],
				p99Idle, p99 - p99Idle,
				p99 <= p99Idle + 5 && streaming[streaming.length - 1] <= idle[idle.length - 1] + 16 ? "yes" : "no");
		// what holds the timer back: each painted frame is one dispatch of the UI thread (GTK's paint, the chart's
		// listeners, the wait for the X server's reply at its end)
		row("UI thread per painted frame while streaming (the dispatch that paints)", sorted(paintDispatches), "ms",
				Double.NaN, Double.NaN, false);
		// and where that time went: the UI thread's own work, the scheduler's, the X server's
		double[] blocked = new double[paintDispatches.size()];
		for (int i = 0; i < blocked.length; i++) {
			// never below zero: the three clocks are read one after another
			blocked[i] = Math.max(0,
					paintDispatches.get(i) - paintDispatchesOnCpu.get(i) - paintDispatchesWaitingForCpu.get(i));
		}
		java.util.Arrays.sort(blocked);
		row("of which on a CPU", sorted(paintDispatchesOnCpu), "ms", Double.NaN, Double.NaN, false);
		row("of which runnable, waiting for a CPU (the pipeline's threads hold both)", sorted(paintDispatchesWaitingForCpu),
				"ms", Double.NaN, Double.NaN, false);
		row("of which blocked (waiting for the X server)", blocked, "ms", Double.NaN, Double.NaN, false);
	}

	private static double[] sorted(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
	}

	// ---- the metric grid ----

	/**
	 * 20 metrics in 10 charts (each with its val_ counterpart), 1,000,000 points each (as issue #13 asks: a metric
	 * keeps its newest 100,000 at full resolution and a bounded summary of the rest, drawn whole), a writer adding 1,000 points/s per metric, 2 s of it to warm up, then 5 s measured; frames paced at 50 ms as the
	 * chart part paces metric frames. Frame =
	 * the grid's update + the paint of all it damaged (until the last plot area's paint has run).
	 */
	private static final int GRID_POINTS_PER_METRIC = 1_000_000;

	private void metricGrid() throws InterruptedException {
		Shell gridShell = new Shell(display);
		gridShell.setLayout(new FillLayout());
		gridShell.setSize(1200, 800);
		io.chirp.ui.charts.MetricGrid grid = new io.chirp.ui.charts.MetricGrid(gridShell,
				new io.chirp.ui.charts.MetricGrid.Listener() {
					@Override
					public void hiddenChanged(java.util.Set<String> hidden) {
					}

					@Override
					public void exportCsvRequested() {
					}

					@Override
					public void redrawRequested() {
					}
				});
		grid.setSmoothing(0.6);
		gridShell.open();
		RunModel model = new RunModel(1000);
		List<String> names = new ArrayList<>();
		for (int k = 0; k < 10; k++) {
			names.add("metric" + k);
			names.add("val_metric" + k);
		}
		long[] step = { 0 };
		Runnable batch = () -> {
			List<io.chirp.core.source.MetricPoint> points = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				long x = step[0]++;
				for (int m = 0; m < names.size(); m++) {
					points.add(new io.chirp.core.source.MetricPoint(names.get(m), "step", x, Math.exp(-x / 50_000.0) + m
							+ 0.05 * Math.sin(x * 0.37 + m)));
				}
			}
			model.store(io.chirp.core.source.RawBatch.ofMetrics(step[0], points),
					new io.chirp.core.model.RefinedBatch(step[0], 0, Double.NaN, System.nanoTime(), null, 0, 0, System.nanoTime()));
		};
		while (step[0] < GRID_POINTS_PER_METRIC) {
			batch.run();
		}
		grid.show(model, "bench");
		settle(300);
		AtomicBoolean writing = new AtomicBoolean(true);
		Thread writer = new Thread(() -> {
			while (writing.get()) {
				synchronized (model) {
					batch.run(); // 10 points per metric every 10 ms: 1,000 points/s each
				}
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "metric writer");
		double[] idle = timerLateness(2_000);
		List<Double> frames = new ArrayList<>();
		// a frame ends when the last plot area it damaged has been painted: GTK paints from its frame clock, after
		// the update has returned (Shell.update() does not paint there), so the paints are timed as they come
		long[] lastPaint = { 0 };
		for (String group : grid.groups()) {
			grid.chart(group).chart().getPlotArea().getControl().addListener(SWT.Paint, e -> lastPaint[0] = System.nanoTime());
		}
		long[] frameStart = { 0 };
		Runnable frameEnded = () -> {
			if (frameStart[0] != 0 && lastPaint[0] > frameStart[0]) {
				frames.add((lastPaint[0] - frameStart[0]) / 1e6);
			}
		};
		FramePacer pacer = new FramePacer(ui, gridShell, () -> {
			frameEnded.run(); // the frame before, painted by now (a frame is 50 ms after the one before)
			frameStart[0] = System.nanoTime();
			grid.show(model, "bench");
		}, 50);
		writer.start();
		Thread requester = new Thread(() -> {
			while (writing.get()) {
				pacer.request();
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "frame requests");
		requester.start();
		// the first 2 s warm the path up (the JIT compiles the folding and the line painting: the first 30 frames
		// took 12-52 ms against 4-10 after), as the chirp's and the MQTT figures are warm; then 5 s are measured
		settle(2_000);
		frameStart[0] = 0;
		frames.clear();
		long chartFramesBefore = grid.groups().stream().mapToLong(g -> grid.chart(g).frames()).sum();
		double[] streaming = timerLateness(5_000);
		// a frame draws a few charts with new points, in turns: how often each chart moved
		double drawsPerChart = (grid.groups().stream().mapToLong(g -> grid.chart(g).frames()).sum() - chartFramesBefore)
				/ (5.0 * grid.groups().size());
		writing.set(false);
		writer.join();
		requester.join();
		frameEnded.run();
		double[] frameTimes = frames.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		row(String.format(Locale.ROOT, "metric grid frame, 20 metrics in 10 charts, 1,000,000 points each, +1,000 points/s each (%d frames, each chart drawn %.0f/s)",
				frameTimes.length, drawsPerChart), frameTimes, "ms", Double.NaN, 16, false);
		double p99Idle = percentile(idle, 0.99);
		double p99 = percentile(streaming, 0.99);
		System.out.printf(Locale.ROOT,
				"| UI timer lateness, metric grid streaming | %.2f | %.2f | %.2f | ms | idle p99 %.2f | +%.2f over idle | p99 <= idle + 5 | %s |%n",
				percentile(streaming, 0.5), p99, streaming[streaming.length - 1], p99Idle, p99 - p99Idle,
				p99 <= p99Idle + 5 ? "yes" : "no");
		gridShell.dispose();
	}

	// ---- end-to-end latency ----

	private void latency() throws InterruptedException {
		RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
		ConcurrentLinkedQueue<Long> produced = new ConcurrentLinkedQueue<>();
		List<Double> latencies = new ArrayList<>();
		RunModel[] model = new RunModel[1];
		List<Long> awaitingPaint = new ArrayList<>();
		FramePacer pacer = new FramePacer(ui, chart, () -> {
			SeriesBuffer s = model[0].series();
			double last = s.lastTime();
			if (Double.isNaN(last)) {
				return;
			}
			// what was stored before this update is in the frame; it is shown once the paint has finished
			for (Long p = produced.poll(); p != null; p = produced.poll()) {
				awaitingPaint.add(p);
			}
			signal.draw(s, title(model[0]));
		}, 16);
		signal.setWindowSeconds(5);
		signal.setFollow(true);
		afterPaint = () -> {
			long shown = System.nanoTime();
			for (long p : awaitingPaint) {
				latencies.add((shown - p) / 1e6);
			}
			awaitingPaint.clear();
		};
		clearLines();
		controller.addListener(new RunListener() {
			@Override
			public void batchStored(RunModel m) {
				produced.add(m.latest().producedNanos());
				pacer.request();
			}
		});
		// 50 batches per second of 20 samples (1 kHz)
		model[0] = controller.start(new ChirpSource(new ChirpParameters(0.5, 0.2, 1, 1000, 20, 20)), DISCARD);
		long end = System.nanoTime() + 6_000_000_000L;
		while (System.nanoTime() < end) {
			dispatchOrWait();
		}
		controller.stop(5_000);
		afterPaint = () -> {
		};
		double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		row("end-to-end latency, produced -> paint finished (50 Hz producer)", ms, "ms", Double.NaN, 10, false);
	}

	// ---- end-to-end latency of a remote run: publish -> paint ----

	/**
	 * A metric published to a Mosquitto on loopback at 50 Hz (QoS 1, as README says to publish), each message
	 * carrying when it was published: latency = the paint that shows it finished - published. The path is the
	 * product's: Paho, the MQTT source, its remote run's pipeline, the model, the frame pacer, the chart.
	 */
	private void mqttLatency() throws Exception {
		try (LoopbackBroker broker = LoopbackBroker.start()) {
			if (broker == null) {
				System.out.println("| end-to-end latency, MQTT publish -> paint finished | | | | ms | | | p99 <= 15 | Mosquitto not installed: not measured |");
				return;
			}
			RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
			ConcurrentLinkedQueue<Long> published = new ConcurrentLinkedQueue<>();
			List<Double> latencies = new ArrayList<>();
			List<Double> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
			List<Long> awaitingPaint = new ArrayList<>();
			RunModel[] remote = new RunModel[1];
			FramePacer pacer = new FramePacer(ui, chart, () -> {
				RunModel model = remote[0];
				SeriesBuffer loss = model == null ? null : model.metric("loss");
				if (loss == null) {
					return;
				}
				for (Long p = published.poll(); p != null; p = published.poll()) {
					awaitingPaint.add(p);
				}
				signal.draw(loss, "remote run");
			}, 16);
			signal.setWindowSeconds(250);
			signal.setFollow(true);
			// the first 2 s warm the path up (Paho, the source, its run's jobs), as the chirp's figures are warm
			AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
			afterPaint = () -> {
				long shown = System.nanoTime();
				for (long p : awaitingPaint) {
					if (p >= measureFrom.get()) {
						latencies.add((shown - p) / 1e6);
					}
				}
				awaitingPaint.clear();
			};
			clearLines();
			controller.addListener(new RunListener() {
				@Override
				public void batchStored(RunModel m) {
					SeriesBuffer sent = m.metric("sent_ns");
					if (sent != null) {
						remote[0] = m;
						if ((long) sent.lastValue() >= measureFrom.get()) {
							stored.add((System.nanoTime() - (long) sent.lastValue()) / 1e6);
						}
						published.add((long) sent.lastValue());
						pacer.request();
					}
				}
			});
			java.util.Map<String, String> values = java.util.Map.of("broker", broker.uri(), "topic", "chirp/#", "qos", "1",
					"clientId", "bench-" + System.nanoTime());
			controller.startRun(new io.chirp.source.mqtt.MqttSourceFactory().create(values), run -> null,
					new io.chirp.core.run.RunSpec("bench", "io.chirp.source.mqtt", "MQTT", values));
			settle(1_000); // subscribed
			org.eclipse.paho.client.mqttv3.MqttAsyncClient publisher = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
					broker.uri(), "pub-" + System.nanoTime(), new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
			publisher.connect().waitForCompletion(5_000);
			int messages = 600; // 100 (2 s) to warm up, 500 measured
			// published from a thread of its own, as the training machine does; the UI thread only draws
			Thread sender = new Thread(() -> {
				long start = System.nanoTime();
				measureFrom.set(start + 100 * 20_000_000L);
				try {
					for (int i = 0; i < messages; i++) {
						long due = start + i * 20_000_000L;
						java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
						org.eclipse.paho.client.mqttv3.MqttMessage message = new org.eclipse.paho.client.mqttv3.MqttMessage(
								String.format(Locale.ROOT, "{\"step\": %d, \"loss\": %.4f, \"sent_ns\": %d}", i,
										0.5 + 0.4 * Math.sin(i / 20.0), System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
						message.setQos(1);
						publisher.publish("chirp/latency/metrics", message);
					}
				} catch (org.eclipse.paho.client.mqttv3.MqttException e) {
					throw new IllegalStateException(e);
				}
			}, "bench publisher");
			sender.start();
			while (sender.isAlive()) {
				dispatchOrWait();
			}
			settle(1_000);
			publisher.disconnect().waitForCompletion(5_000);
			publisher.close();
			controller.stop(5_000);
			afterPaint = () -> {
			};
			double[] ms = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			row(String.format(Locale.ROOT, "end-to-end latency, MQTT publish -> paint finished (QoS 1, 50 Hz, 500 messages after 100 to warm up, %d paints)",
					ms.length), ms, "ms", Double.NaN, 15, false);
			row("of which MQTT publish -> stored in the run's model", stored.stream().mapToDouble(Double::doubleValue).sorted()
					.toArray(), "ms", Double.NaN, Double.NaN, false);
		}
	}

	// ---- pipeline throughput against one queue item and one asyncExec per sample ----

	private void throughputAgainstPerSampleAsyncExec() throws InterruptedException {
		RunController controller = new RunController(SeriesBuffer.DEFAULT_CAPACITY, RunController.DEFAULT_QUEUE_CAPACITY, CAPTURE);
		RunModel model = controller.start(new ChirpSource(new ChirpParameters(0.5, 0.2, 1, 1_000_000, 10_000, 0)), DISCARD);
		Thread.sleep(2_000);
		controller.stop(5_000);
		double chirp = model.received() / 2.0;

		// naive: the worker puts every sample into a queue, the receiver posts one asyncExec per sample
		BlockingQueue<double[]> queue = new ArrayBlockingQueue<>(1024);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong shown = new AtomicLong();
		double[] history = new double[1 << 20];
		Thread worker = new Thread(() -> {
			for (long i = 0; running.get(); i++) {
				try {
					queue.put(new double[] { i / 1e6, Math.sin(i * 1e-3) });
				} catch (InterruptedException e) {
					return;
				}
			}
		});
		Thread receiver = new Thread(() -> {
			while (running.get() || !queue.isEmpty()) {
				try {
					double[] sample = queue.poll(2, java.util.concurrent.TimeUnit.MILLISECONDS);
					if (sample != null) {
						display.asyncExec(() -> history[(int) (shown.getAndIncrement() & (history.length - 1))] = sample[1]);
					}
				} catch (InterruptedException e) {
					return;
				}
			}
		});
		worker.start();
		receiver.start();
		long end = System.nanoTime() + 2_000_000_000L;
		while (System.nanoTime() < end) {
			dispatchOrWait();
		}
		running.set(false);
		worker.join();
		receiver.join();
		long inTime = shown.get();
		settle(500);
		double naive = inTime / 2.0;
		System.out.printf(Locale.ROOT, "| pipeline throughput (worker -> receiver -> model) | %.2f | | | M samples/s | %.3f | %.0fx | >= 20 | %s |%n",
				chirp / 1e6, naive / 1e6, chirp / naive, chirp >= 20e6 ? "yes" : "no");
	}

	// ---- helpers ----

	/**
	 * Collects the garbage set-up or an earlier figure left (the baseline frames leave 1M-sample arrays), so each
	 * figure pays only for its own: a figure's own collections still count.
	 */
	private void collectLeftovers() {
		System.gc();
		settle(300);
	}

	/** Runs pending UI work, or waits for some: at most 20 ms, so loops see their deadline. */
	private void dispatchOrWait() {
		long start = System.nanoTime();
		long cpuBefore = timingPaintDispatches ? ThreadTime.cpuNanos() : 0;
		long waitBefore = timingPaintDispatches ? ThreadTime.runQueueNanos() : 0;
		long paintsBefore = paints;
		boolean did = display.readAndDispatch();
		if (timingPaintDispatches && paints != paintsBefore) {
			paintDispatches.add((System.nanoTime() - start) / 1e6);
			paintDispatchesOnCpu.add((ThreadTime.cpuNanos() - cpuBefore) / 1e6);
			paintDispatchesWaitingForCpu.add((ThreadTime.runQueueNanos() - waitBefore) / 1e6);
		}
		if (!did) {
			display.timerExec(20, () -> {
				// only wakes the UI thread up
			});
			display.sleep();
		}
	}

	private void settle(long millis) {
		long end = System.nanoTime() + millis * 1_000_000L;
		while (System.nanoTime() < end) {
			while (display.readAndDispatch()) {
				// drain
			}
			try {
				Thread.sleep(5);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	private static void row(String figure, double[] sorted, String unit, double baseline, double target,
			boolean targetIsMedianBound) {
		double median = percentile(sorted, 0.5);
		double p99 = percentile(sorted, 0.99);
		double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
		String base = Double.isNaN(baseline) ? "" : String.format(Locale.ROOT, "%.2f", baseline);
		String ratio = Double.isNaN(baseline) ? "" : String.format(Locale.ROOT, "%.1fx", baseline / median);
		String goal = Double.isNaN(target) ? "" : String.format(Locale.ROOT, "%s <= %.0f", targetIsMedianBound ? "frame" : "p99", target);
		String met = Double.isNaN(target) ? "" : ((targetIsMedianBound ? median : p99) <= target ? "yes" : "no");
		System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s |%n", figure, median, p99, max,
				unit, base, ratio, goal, met);
	}
}
