package io.chirp.source.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chirp.core.output.OutputSink;
import io.chirp.core.run.Run;
import io.chirp.core.run.RunController;
import io.chirp.core.run.RunListener;
import io.chirp.core.run.RunSpec;
import io.chirp.core.run.RunStatus;

/** The MQTT source against a real Mosquitto started by each test: never a mock broker. */
class MqttSourceTest {

	@TempDir
	Path folder;

	private final RunController controller = new RunController();
	private final List<String> messages = new CopyOnWriteArrayList<>();
	private final List<String> output = new CopyOnWriteArrayList<>();
	private final List<Run> started = new CopyOnWriteArrayList<>();
	private Mosquitto broker;

	{
		controller.addListener(new RunListener() {
			@Override
			public void message(Source source, String text) {
				messages.add(text);
			}

			@Override
			public void runStarted(Run run) {
				started.add(run);
			}
		});
	}

	@AfterEach
	void stopAll() throws InterruptedException {
		assertTrue(controller.stop(10_000), "every run stopped");
		if (broker != null) {
			broker.close();
		}
	}

	private Run subscribe(Map<String, String> values) {
		OutputSink sink = (line, stderr) -> output.add(line);
		return controller.startRun(new MqttSourceFactory().create(values), run -> (l, e) -> sink.line("[" + run.name() + "] " + l, e),
				new RunSpec("broker", "io.chirp.source.mqtt", "MQTT", values));
	}

	private Run subscribe(int qos) {
		return subscribe(Map.of("broker", broker.uri(), "topic", "chirp/#", "qos", Integer.toString(qos), "clientId",
				"chirp-test-" + System.nanoTime()));
	}

	private static void waitFor(String what, BooleanSupplier condition, long seconds) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
			}
			Thread.sleep(20);
		}
	}

	private Run runNamed(String name) {
		return started.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
	}

	/** What README says a user types on the training machine: {@code mosquitto_pub -l}, one message per line. */
	private void publishLines(String topic, String text) throws Exception {
		Process pub = new ProcessBuilder("mosquitto_pub", "-l", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
				"-t", topic, "-q", "1").redirectErrorStream(true).start();
		pub.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		pub.getOutputStream().close();
		assertTrue(pub.waitFor(10, TimeUnit.SECONDS));
		assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private void publish(String topic, byte[] payload, int qos, boolean retained) throws Exception {
		try (MqttClient c = new MqttClient(broker.uri(), "pub-" + System.nanoTime(), new MemoryPersistence())) {
			c.connect();
			c.publish(topic, payload, qos, retained);
			c.disconnect();
		}
	}

	@Test
	void eachRemoteRunBecomesARunOfItsOwnWithItsLinesMetricsAndEnd() throws Exception {
		broker = new Mosquitto(folder, List.of());
		Run hub = subscribe(1);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		publishLines("chirp/gpu1/lines", "Epoch 1/2\nstep=1 loss=0.9 acc=0.2\nstep=2 loss=0.7 acc=0.4\n");
		publish("chirp/gpu2/metrics", "{\"step\": 5, \"loss\": 1.5, \"lr\": 0.001, \"note\": \"text is not a metric\"}"
				.getBytes(StandardCharsets.UTF_8), 1, false);
		waitFor("two remote runs", () -> runNamed("gpu1") != null && runNamed("gpu2") != null, 10);
		Run gpu1 = runNamed("gpu1");
		Run gpu2 = runNamed("gpu2");
		waitFor("gpu1's points", () -> gpu1.model().metricPoints() == 4, 10);
		assertEquals(List.of("loss", "acc"), gpu1.model().metricNames());
		assertEquals(0.7, gpu1.model().metric("loss").lastValue());
		assertEquals("step", gpu1.model().metricAxis("loss"));
		waitFor("gpu2's points", () -> gpu2.model().metricPoints() == 2, 10);
		assertEquals(List.of("loss", "lr"), gpu2.model().metricNames());
		assertEquals(5.0, gpu2.model().metric("lr").lastTime());
		waitFor("gpu1's text in the Output console, under its name",
				() -> output.contains("[gpu1] Epoch 1/2") && output.contains("[gpu1] step=2 loss=0.7 acc=0.4"), 10);
		assertEquals("MQTT", gpu1.sourceLabel());
		assertEquals(broker.uri(), gpu1.spec().parameters().get("broker"), "what was run is recorded with it");

		publish("chirp/gpu1/status", "ended 0".getBytes(StandardCharsets.UTF_8), 1, true);
		publish("chirp/gpu2/status", "{\"state\": \"ended\", \"exitCode\": 3}".getBytes(StandardCharsets.UTF_8), 1, true);
		assertTrue(controller.join(gpu1, 10_000) && controller.join(gpu2, 10_000), "ended by their status");
		assertEquals(RunStatus.FINISHED, gpu1.status());
		assertEquals(Integer.valueOf(0), gpu1.exitCode());
		assertEquals(RunStatus.FAILED, gpu2.status());
		assertEquals(Integer.valueOf(3), gpu2.exitCode());
		assertTrue(gpu2.problem().contains("gpu2 exited with code 3"), gpu2.problem());
		assertEquals(RunStatus.RUNNING, hub.status(), "the subscription goes on");

		// a later subscription gets the retained statuses: they start no run
		int runsBefore = started.size();
		Run again = subscribe(1);
		waitFor("subscribed again", () -> messages.stream().filter(m -> m.contains("subscribed to chirp/#")).count() == 2, 10);
		Thread.sleep(500);
		assertEquals(runsBefore + 1, started.size(), "only the subscription itself: " + started);
		assertTrue(controller.stop(again, 5_000));

		assertTrue(controller.stop(hub, 5_000), "Stop ends the subscription (a clean disconnect)");
		assertEquals(RunStatus.STOPPED, hub.status());
		assertTrue(messages.stream().anyMatch(m -> m.contains("unsubscribed from chirp/#")), messages.toString());
	}

	@Test
	void stoppingOneRemoteRunNeverHoldsUpTheSubscription() throws Exception {
		broker = new Mosquitto(folder, List.of());
		Run hub = subscribe(1);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		publishLines("chirp/gpu1/lines", steps(1, 10));
		waitFor("gpu1", () -> runNamed("gpu1") != null && runNamed("gpu1").model().metricPoints() == 10, 10);
		Run gpu1 = runNamed("gpu1");
		assertTrue(controller.stop(gpu1, 5_000));
		assertEquals(RunStatus.STOPPED, gpu1.status());
		// more than its queue holds, at QoS 1: the subscription must not wait for a run nobody reads
		publishLines("chirp/gpu1/lines", steps(11, RemoteRun.CAPACITY + 5_000));
		publishLines("chirp/gpu2/lines", steps(1, 3));
		waitFor("the other run still arrives", () -> runNamed("gpu2") != null && runNamed("gpu2").model().metricPoints() == 3, 20);
		assertEquals(10, gpu1.model().metricPoints(), "the stopped run takes nothing more");
		assertEquals(2, started.stream().filter(r -> r.name().startsWith("gpu")).count(), "and does not start again");
		assertEquals(RunStatus.RUNNING, hub.status());
	}

	@Test
	void shutdownMidRunEndsTheSubscriptionAndItsRunsWithinTheLimit() throws Exception {
		broker = new Mosquitto(folder, List.of());
		subscribe(1);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		publishLines("chirp/gpu1/lines", steps(1, 10));
		publishLines("chirp/gpu2/lines", steps(1, 10));
		waitFor("two remote runs", () -> runNamed("gpu1") != null && runNamed("gpu2") != null, 10);
		long t0 = System.nanoTime();
		// what closing the window does (ChirpAddon: 500 ms for a regular stop, then kill and 500 ms more)
		assertTrue(controller.stopForShutdown(500, 500), "every run ended");
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		assertTrue(millis < 1_000, "within the shutdown limit: " + millis + " ms");
		assertTrue(started.stream().noneMatch(r -> r.status().isLive()), started.toString());
		waitFor("no Paho thread left", () -> Thread.getAllStackTraces().keySet().stream()
				.noneMatch(t -> t.getName().startsWith("MQTT") && t.isAlive()), 5);
	}

	@Test
	void anUnreachableBrokerIsAClearErrorAndNothingIsLeftStarted() throws Exception {
		int port;
		try (var s = new java.net.ServerSocket(0)) {
			port = s.getLocalPort(); // free now, so nothing listens there
		}
		Run hub = subscribe(Map.of("broker", "tcp://127.0.0.1:" + port, "topic", "chirp/#"));
		assertTrue(controller.join(hub, 15_000));
		assertEquals(RunStatus.FAILED, hub.status());
		assertTrue(hub.problem().contains("Cannot subscribe to chirp/# at tcp://127.0.0.1:" + port), hub.problem());
		assertTrue(hub.problem().toLowerCase().contains("connect"), hub.problem());
		assertEquals(List.of(hub), started, "no remote run started");
		waitFor("no Paho thread left", () -> Thread.getAllStackTraces().keySet().stream()
				.noneMatch(t -> t.getName().startsWith("MQTT") && t.isAlive()), 5);
	}

	@Test
	void unreadablePayloadsAreCountedAndReportedAndTheRunGoesOn() throws Exception {
		broker = new Mosquitto(folder, List.of());
		subscribe(1);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		publish("chirp/r1/lines", new byte[(1 << 20) + 1], 1, false); // over 1 MiB
		publish("chirp/r1/lines", new byte[] { (byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3 }, 1, false); // not UTF-8
		publish("chirp/r1/metrics", "[1, 2, 3]".getBytes(StandardCharsets.UTF_8), 1, false);
		publish("chirp/r1/metrics", "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
		publish("chirp/r1/other", "x".getBytes(StandardCharsets.UTF_8), 1, false);
		publish("chirp/r1/metrics", "{\"step\": 1, \"loss\": 0.5}".getBytes(StandardCharsets.UTF_8), 1, false);
		waitFor("the good message after them", () -> runNamed("r1") != null && runNamed("r1").model().metricPoints() == 1, 10);
		waitFor("the bad ones reported", () -> messages.stream().anyMatch(m -> m.contains("1 payloads over 1 MiB")
				&& m.contains("1 payloads that are not UTF-8 text") && m.contains("2 metrics payloads that are not a JSON object")
				&& m.contains("1 messages on topics other than")), 10);
	}

	private static String steps(int from, int to) {
		StringBuilder lines = new StringBuilder();
		for (int step = from; step <= to; step++) {
			lines.append("step=").append(step).append(" loss=").append(1.0 / step).append('\n');
		}
		return lines.toString();
	}

	@Test
	void aBrokerRestartMidRunLosesNoQos1Message() throws Exception {
		broker = new Mosquitto(folder, List.of());
		subscribe(1);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		publishLines("chirp/gpu1/lines", steps(1, 100));
		waitFor("the first hundred steps", () -> runNamed("gpu1") != null && runNamed("gpu1").model().metricPoints() == 100, 10);
		Run gpu1 = runNamed("gpu1");

		broker.stop(); // kill (SIGTERM) mid-run...
		broker.start(); // ...and start it again on the same port
		// published while Chirp is still disconnected (it reconnects after a backoff of a second or more): the broker
		// keeps them for Chirp's persistent session
		publishLines("chirp/gpu1/lines", steps(101, 200));
		assertTrue(messages.stream().noneMatch(m -> m.contains("reconnected to")), "published before Chirp was back");
		waitFor("Chirp back by itself", () -> messages.stream().anyMatch(m -> m.contains("reconnected to")), 15);
		publishLines("chirp/gpu1/lines", steps(201, 300));
		try {
			waitFor("every step", () -> gpu1.model().metricPoints() >= 300, 15);
		} catch (AssertionError e) {
			throw new AssertionError(e.getMessage() + ": " + gpu1.model().metricPoints() + " points; " + messages, e);
		}
		List<Double> xs = new ArrayList<>();
		gpu1.model().metricSeries("loss").segments().forEach(segment -> {
			var all = segment.all();
			for (int i = 0; i < all.points(); i++) {
				xs.add(all.times()[i]);
			}
		});
		assertEquals(300, xs.size(), "no step twice");
		assertEquals(2, gpu1.model().metricSeries("loss").segments().size(),
				"the chart draws no line across the gap: the steps after it are a segment of their own");
		assertEquals(300, xs.stream().distinct().count(), "each step once");
		assertEquals(RunStatus.RUNNING, gpu1.status(), "the same run went on");
		assertTrue(messages.stream().anyMatch(m -> m.contains("connection to " + broker.uri() + " lost")), messages.toString());
		assertTrue(messages.stream().anyMatch(m -> m.startsWith("[gpu1] gap: the connection to the broker was down")),
				"the gap in the run's Worker console: " + messages);
	}

	@Test
	void aQos0FloodOfOver50000MessagesASecondIsBoundedAndWhatIsDroppedIsCounted() throws Exception {
		broker = new Mosquitto(folder, List.of());
		Run hub = subscribe(0);
		waitFor("subscribed", () -> messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
		int flood = 150_000;
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < flood; i++) {
			lines.append("{\"step\": ").append(i).append(", \"loss\": 0.5}\n");
		}
		Path file = Files.writeString(folder.resolve("flood.jsonl"), lines);
		// Mosquitto's own client, one QoS 0 message per line, as fast as it goes
		long t0 = System.nanoTime();
		Process pub = flood(file);
		assertTrue(pub.waitFor(30, TimeUnit.SECONDS));
		double seconds = (System.nanoTime() - t0) / 1e9;
		assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		assertTrue(flood / seconds >= 50_000, String.format(java.util.Locale.ROOT,
				"a flood of at least 50,000 messages/s: %,d in %.2f s", flood, seconds));
		waitFor("the flood's run", () -> runNamed("flood") != null, 10);
		Run run = runNamed("flood");
		long stored = -1;
		for (long before = -2; stored != before; Thread.sleep(1_000)) {
			before = stored;
			stored = run.model().metricPoints(); // until what arrived is all taken in
		}
		assertTrue(stored > 0, "the run took what it could: " + stored);
		long dropped = 0;
		java.util.regex.Matcher said = java.util.regex.Pattern
				.compile("([\\d,]+) messages dropped because Chirp did not keep up \\(QoS 0\\)")
				.matcher(String.join("\n", messages));
		while (said.find()) {
			dropped = Long.parseLong(said.group(1).replace(",", "")); // the last report holds the total
		}
		// the broker may drop QoS 0 as well (a slow subscriber): at most all arrive, and what Chirp drops is said
		assertTrue(stored + dropped <= flood, stored + " stored + " + dropped + " dropped of " + flood);
		System.out.printf(java.util.Locale.ROOT, "QoS 0 flood: %,d messages in %.2f s (%,.0f/s): %,d stored, %,d dropped by Chirp and said%n",
				flood, seconds, flood / seconds, stored, dropped);

		// Stop in the middle of a second flood
		Process again = flood(file);
		Thread.sleep(300);
		long stopStarted = System.nanoTime();
		assertTrue(controller.stop(hub, 2_000), "Stop ends the subscription within 2 s, even under a flood");
		assertTrue(System.nanoTime() - stopStarted < TimeUnit.SECONDS.toNanos(2));
		assertTrue(controller.join(run, 5_000));
		again.waitFor(30, TimeUnit.SECONDS);
	}

	private Process flood(Path file) throws java.io.IOException {
		return new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()), "-q", "0", "-l",
				"-t", "chirp/flood/metrics").redirectInput(file.toFile()).redirectErrorStream(true).start();
	}

	private static void run(Path in, String... command) throws Exception {
		Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
	}

	@Test
	void aPasswordProtectedBrokerTakesTheRightPasswordAndRefusesAWrongOne() throws Exception {
		run(folder, "mosquitto_passwd", "-b", "-c", folder.resolve("passwords").toString(), "trainer", "s3cret");
		broker = new Mosquitto(folder, List.of("allow_anonymous false", "password_file " + folder.resolve("passwords")));
		Run wrong = subscribe(Map.of("broker", broker.uri(), "user", "trainer", "password", "wrong"));
		assertTrue(controller.join(wrong, 15_000));
		assertEquals(RunStatus.FAILED, wrong.status());
		assertTrue(wrong.problem().contains("Cannot subscribe to chirp/# at " + broker.uri()), wrong.problem());
		assertTrue(wrong.problem().contains("authori"), "says it was not authorized: " + wrong.problem());
		assertTrue(!wrong.problem().contains("wrong") && messages.stream().noneMatch(m -> m.contains("wrong")),
				"the password is never written");
		Run right = subscribe(Map.of("broker", broker.uri(), "user", "trainer", "password", "s3cret"));
		waitFor("subscribed with the right password", () -> right.status() == RunStatus.RUNNING
				&& messages.stream().anyMatch(m -> m.contains("subscribed to chirp/#")), 10);
	}

	@Test
	void tlsVerifiesTheBrokerAgainstTheCaNamedAndRefusesOneItCannotVerify() throws Exception {
		// a test CA and a broker certificate it signed, for localhost
		run(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Chirp test CA",
				"-keyout", "ca.key", "-out", "ca.crt");
		run(folder, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "server.key",
				"-out", "server.csr");
		java.nio.file.Files.writeString(folder.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
		run(folder, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
				"-days", "2", "-extfile", "san.ext", "-out", "server.crt");
		broker = new Mosquitto(folder, List.of("cafile " + folder.resolve("ca.crt"), "certfile " + folder.resolve("server.crt"),
				"keyfile " + folder.resolve("server.key")));
		String uri = "ssl://localhost:" + broker.port();

		Run untrusted = subscribe(Map.of("broker", uri)); // the system's trust store does not know the test CA
		assertTrue(controller.join(untrusted, 15_000));
		assertEquals(RunStatus.FAILED, untrusted.status(), "refused: no silent trust-all");
		assertTrue(untrusted.problem().contains("Cannot subscribe to chirp/# at " + uri), untrusted.problem());
		assertTrue(untrusted.problem().toLowerCase().contains("certif"), "names the certificate: " + untrusted.problem());

		Run trusted = subscribe(Map.of("broker", uri, "caFile", folder.resolve("ca.crt").toString()));
		waitFor("subscribed over TLS", () -> trusted.status() == RunStatus.RUNNING
				&& messages.stream().anyMatch(m -> m.contains("subscribed to chirp/# at " + uri)), 10);
	}

	@Test
	void wrongValuesAreRefusedNamingTheirField() {
		MqttSourceFactory factory = new MqttSourceFactory();
		assertEquals("Broker: 'http://x' must start with tcp:// or ssl://.",
				assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("broker", "http://x"))).getMessage());
		assertEquals("QoS: '3' is invalid: 0, 1 or 2.",
				assertThrows(IllegalArgumentException.class, () -> factory.create(Map.of("qos", "3", "broker", "tcp://h"))).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class,
				() -> factory.create(Map.of("topic", "chirp/#/x", "broker", "tcp://h"))).getMessage().startsWith("Topic filter"));
		assertEquals("CA certificate: only for an ssl:// broker.", assertThrows(IllegalArgumentException.class,
				() -> factory.create(Map.of("broker", "tcp://h", "caFile", "/etc/hostname"))).getMessage());
		assertEquals("tcp://h:1883", MqttSettings.of(Map.of("broker", "tcp://h")).broker(), "the default port");
	}
}
