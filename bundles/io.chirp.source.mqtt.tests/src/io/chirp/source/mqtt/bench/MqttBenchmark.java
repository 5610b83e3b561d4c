package io.chirp.source.mqtt.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.chirp.core.model.RunModel;
import io.chirp.core.model.SeriesBuffer;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunSpec;
import io.chirp.source.mqtt.Mosquitto;
import io.chirp.source.mqtt.MqttSourceFactory;

/**
 * MQTT figures against a real Mosquitto on loopback: the latency from publish to the point stored in the run's model
 * at 50 Hz, and the highest rate of QoS 1 metrics messages a run takes in with nothing lost. Prints a table.
 */
public final class MqttBenchmark {

	public static void main(String[] args) throws Exception {
		Path folder = Files.createTempDirectory("chirp-mqtt-bench");
		System.out.printf(Locale.ROOT, "MQTT benchmark: %d cores, Java %s, Mosquitto on loopback%n%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		System.out.println("| figure | median | p99 | max | unit | notes |");
		System.out.println("|---|---|---|---|---|---|");
		try (Mosquitto broker = new Mosquitto(folder, List.of())) {
			latency(broker);
			rate(broker);
		}
	}

	private static Run subscribe(RunController controller, Mosquitto broker) throws InterruptedException {
		Map<String, String> values = Map.of("broker", broker.uri(), "topic", "chirp/#", "qos", "1", "clientId",
				"bench-" + System.nanoTime());
		Run hub = controller.startRun(new MqttSourceFactory().create(values), run -> null,
				new RunSpec("bench", "io.chirp.source.mqtt", "MQTT", values));
		Thread.sleep(1_000); // subscribed
		return hub;
	}

	private static MqttAsyncClient publisher(Mosquitto broker) throws Exception {
		MqttAsyncClient client = new MqttAsyncClient(broker.uri(), "pub-" + System.nanoTime(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setMaxInflight(1_000);
		client.connect(options).waitForCompletion(5_000);
		return client;
	}

	/** 50 messages a second for 10 s, each carrying when it was published; latency = stored - published. */
	private static void latency(Mosquitto broker) throws Exception {
		RunController controller = new RunController();
		List<Double> latencies = new CopyOnWriteArrayList<>();
		controller.addListener(new RunListener() {
			@Override
			public void batchStored(RunModel model) {
				SeriesBuffer sent = model.metric("sent_ns");
				if (sent != null) {
					latencies.add((System.nanoTime() - sent.lastValue()) / 1e6);
				}
			}
		});
		subscribe(controller, broker);
		MqttAsyncClient pub = publisher(broker);
		int messages = 500;
		long start = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			long due = start + i * TimeUnit.MILLISECONDS.toNanos(20);
			while (System.nanoTime() < due) {
				Thread.sleep(1);
			}
			pub.publish("chirp/latency/metrics", new MqttMessage(("{\"step\": " + i + ", \"sent_ns\": " + System.nanoTime() + "}")
					.getBytes(StandardCharsets.UTF_8)));
		}
		Thread.sleep(1_000);
		pub.disconnect().waitForCompletion(5_000);
		pub.close();
		controller.stop(5_000);
		double[] l = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "| latency, publish -> stored in the run's model (QoS 1, 50 Hz) | %.2f | %.2f | %.2f | ms | %d messages, %d stored batches; the chart's frame adds its paint (UI benchmark) |%n",
				l[l.length / 2], l[(int) Math.ceil(l.length * 0.99) - 1], l[l.length - 1], messages, l.length);
	}

	/** QoS 1 messages as fast as the publisher sends them: the rate at which the run's model takes them in. */
	private static void rate(Mosquitto broker) throws Exception {
		double[] rates = new double[3];
		long lost = 0;
		int messages = 100_000;
		for (int r = 0; r < rates.length; r++) {
			RunController controller = new RunController();
			List<Run> started = new CopyOnWriteArrayList<>();
			controller.addListener(new RunListener() {
				@Override
				public void runStarted(Run run) {
					started.add(run);
				}
			});
			subscribe(controller, broker);
			MqttAsyncClient pub = publisher(broker);
			String topic = "chirp/rate" + r + "/metrics";
			long t0 = System.nanoTime();
			for (int i = 0; i < messages; i++) {
				MqttMessage m = new MqttMessage(("{\"step\": " + i + ", \"loss\": 0.5}").getBytes(StandardCharsets.UTF_8));
				m.setQos(1);
				while (true) {
					try {
						pub.publish(topic, m);
						break;
					} catch (org.eclipse.paho.client.mqttv3.MqttException e) {
						Thread.onSpinWait(); // in flight window full: wait for acknowledgements
					}
				}
			}
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			Run run = null;
			while (System.nanoTime() < end) {
				run = started.stream().filter(x -> x.sourceLabel().equals("MQTT") && x.name().startsWith("rate")).findFirst()
						.orElse(null);
				if (run != null && run.model().metricPoints() >= messages) {
					break;
				}
				Thread.sleep(5);
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			long stored = run == null ? 0 : run.model().metricPoints();
			rates[r] = stored / seconds;
			lost += messages - stored;
			pub.disconnect().waitForCompletion(5_000);
			pub.close();
			controller.stop(5_000);
		}
		double[] sorted = rates.clone();
		Arrays.sort(sorted);
		System.out.printf(Locale.ROOT, "| QoS 1 metrics messages taken in by one run, nothing lost | %,.0f | | %,.0f | messages/s | %,d messages per repetition, 3 repetitions (min %,.0f), lost = %d |%n",
				sorted[1], sorted[2], messages, sorted[0], lost);
	}
}
