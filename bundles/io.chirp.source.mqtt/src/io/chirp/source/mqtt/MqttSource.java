package io.chirp.source.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.RawBatch;
import io.chirp.core.source.SourceEvents;

/**
 * A subscription to an MQTT broker (Eclipse Paho): the run that holds the connection. Each run name seen in
 * {@code <prefix>/<run>/lines|metrics|status} becomes a run of its own ({@link RemoteRun}), started beside this one.
 * Paho's thread only queues what arrives (bounded); this run's worker sorts it out. A persistent session (QoS 1 and
 * up) and automatic reconnection (backoff up to {@link #MAX_RECONNECT_DELAY_MILLIS}) mean a broker restart loses
 * nothing; a payload that cannot be read is counted and reported, never fatal.
 */
final class MqttSource implements DataSource {

	static final int MAX_PAYLOAD_BYTES = 1 << 20;
	static final int QUEUE_CAPACITY = 10_000;
	static final int MAX_RECONNECT_DELAY_MILLIS = 4_000;
	private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

	/** A message as it arrived; a null topic marks a reconnection. */
	private record Message(String topic, byte[] payload, boolean retained) {
	}

	private final MqttSettings settings;
	private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
	private final Map<String, RemoteRun> runs = new LinkedHashMap<>();
	private final AtomicLong tooLarge = new AtomicLong();
	private final AtomicLong droppedQos0 = new AtomicLong();
	private long notUtf8;
	private long notObject;
	private long otherTopics;
	private long droppedByRuns;
	private String lastReport = "";
	private long lastReportNanos = System.nanoTime();
	private volatile boolean closed;
	private volatile long lostAtNanos;
	private volatile MqttClient client;
	private SourceEvents events;

	MqttSource(MqttSettings settings) {
		this.settings = settings;
	}

	@Override
	public String name() {
		return "MQTT " + settings.broker().replaceFirst("^\\w+://", ""); // the topic is in the Worker console
	}

	@Override
	public double sampleRateHz() {
		return Double.NaN;
	}

	@Override
	public void open(SourceEvents sourceEvents) throws Exception {
		events = sourceEvents;
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(settings.qos() == 0); // QoS 1 and 2: the broker keeps what could not be delivered
		options.setAutomaticReconnect(true);
		options.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MILLIS);
		options.setConnectionTimeout(5);
		options.setKeepAliveInterval(10);
		if (!settings.user().isEmpty()) {
			options.setUserName(settings.user());
			options.setPassword(settings.password());
		}
		if (settings.tls()) {
			options.setSocketFactory(socketFactory());
			options.setHttpsHostnameVerificationEnabled(true); // the certificate must name the host
		}
		try {
			client = new MqttClient(settings.broker(), settings.clientId(), new MemoryPersistence());
			client.setCallback(new Callback());
			client.connect(options);
			client.subscribe(settings.topic(), settings.qos());
		} catch (MqttException e) {
			closeClient();
			throw new IOException("Cannot subscribe to " + settings.topic() + " at " + settings.broker() + ": " + reason(e), e);
		}
		events.event("subscribed to " + settings.topic() + " at " + settings.broker() + " (QoS " + settings.qos()
				+ ", client id " + settings.clientId() + ")");
	}

	/** Paho's reason in words, with the cause that says most (connection refused, certificate not trusted...). */
	static String reason(MqttException e) {
		StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
		Throwable cause = e.getCause();
		while (cause != null) {
			text.append(": ").append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
			cause = cause.getCause() == cause ? null : cause.getCause();
		}
		return text.toString();
	}

	/** The system's trust store, or only the CA the user named: a certificate that does not verify is refused. */
	private SSLSocketFactory socketFactory() throws IOException, GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		if (settings.caFile() == null) {
			context.init(null, null, null);
			return context.getSocketFactory();
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(settings.caFile())) {
			int i = 0;
			for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("ca" + i++, ca);
			}
			if (i == 0) {
				throw new IOException("CA certificate: " + settings.caFile() + " holds no certificate");
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		context.init(null, trust.getTrustManagers(), null);
		return context.getSocketFactory();
	}

	private final class Callback implements MqttCallbackExtended {
		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
			if (!reconnect) {
				return;
			}
			long lost = lostAtNanos;
			String gap = lost == 0 ? "" : String.format(Locale.ROOT, " after %.1f s", (System.nanoTime() - lost) / 1e9);
			events.event("reconnected to " + serverURI + gap);
			// in order with the messages: those before the gap are on one side of it, those after on the other
			queue.offer(new Message(null, ("gap: the connection to the broker was down" + gap).getBytes(StandardCharsets.UTF_8),
					false));
			// the persistent session keeps the subscription; subscribing again covers a broker that lost its state. Not
			// on this thread: Paho delivers messages on it, and a blocking subscribe would wait for itself
			Thread again = new Thread(() -> {
				MqttClient c = client;
				try {
					if (c != null && !closed) {
						c.subscribe(settings.topic(), settings.qos());
					}
				} catch (MqttException e) {
					events.problem("Subscribing again to " + settings.topic() + " failed: " + reason(e));
				}
			}, "Chirp MQTT: subscribe again");
			again.setDaemon(true);
			again.start();
		}

		@Override
		public void connectionLost(Throwable cause) {
			lostAtNanos = System.nanoTime();
			events.event("connection to " + settings.broker() + " lost (" + cause.getMessage() + "); reconnecting");
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
			byte[] payload = message.getPayload();
			if (payload.length > MAX_PAYLOAD_BYTES) {
				tooLarge.incrementAndGet();
				return;
			}
			Message m = new Message(topic, payload, message.isRetained());
			if (message.getQos() == 0) {
				if (!queue.offer(m)) {
					droppedQos0.incrementAndGet(); // counted and reported: at QoS 0 the broker may drop as well
				}
				return;
			}
			// QoS 1 and 2: wait for room; Paho acknowledges only when this returns, so the broker slows down
			while (!queue.offer(m, 100, TimeUnit.MILLISECONDS)) {
				if (closed) {
					return;
				}
			}
		}

		@Override
		public void deliveryComplete(IMqttDeliveryToken token) {
			// this client publishes nothing
		}
	}

	@Override
	public RawBatch next(long sequence, BooleanSupplier cancelled) throws InterruptedException {
		Message first = queue.poll(50, TimeUnit.MILLISECONDS);
		if (first != null) {
			List<Message> taken = new ArrayList<>();
			taken.add(first);
			queue.drainTo(taken, 5_000);
			for (Message m : taken) {
				if (cancelled.getAsBoolean()) {
					break;
				}
				dispatch(m);
			}
		}
		report(false);
		return RawBatch.ofMetrics(sequence, List.of()); // this run holds the connection; its runs hold the data
	}

	private void dispatch(Message m) throws InterruptedException {
		if (m.topic() == null) { // a reconnection: each run's lines break there
			String text = new String(m.payload(), StandardCharsets.UTF_8);
			synchronized (runs) {
				runs.values().forEach(r -> {
					r.event(text);
					r.gap();
				});
			}
			return;
		}
		String[] levels = m.topic().split("/", -1);
		String kind = levels[levels.length - 1];
		if (levels.length < 2 || levels[levels.length - 2].isEmpty()
				|| !(kind.equals("lines") || kind.equals("metrics") || kind.equals("status"))) {
			otherTopics++;
			return;
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(m.payload())).toString();
		} catch (CharacterCodingException e) {
			notUtf8++;
			return;
		}
		String name = levels[levels.length - 2];
		// a status, or anything the broker kept (retained) from before, is about a run already under way: it never
		// starts one (a retained "ended 0" of yesterday's run must not make an empty run at each subscription)
		RemoteRun run = kind.equals("status") || m.retained() ? live(name) : run(name);
		if (run == null) {
			return;
		}
		switch (kind) {
		case "lines" -> {
			for (String line : text.split("\r?\n", -1)) {
				if (!line.isEmpty() && !offer(() -> run.offerLine(line, 100))) {
					droppedByRuns++;
				}
			}
		}
		case "metrics" -> {
			var points = Payloads.metrics(text, run);
			if (points == null) {
				notObject++;
			} else if (!points.isEmpty() && !offer(() -> run.offerPoints(points, 100))) {
				droppedByRuns++;
			}
		}
		default -> Payloads.status(text, run);
		}
	}

	@FunctionalInterface
	private interface Offer {
		boolean tryOnce() throws InterruptedException;
	}

	/** QoS 0 drops when a run's queue is full; QoS 1 and 2 wait (the broker holds the rest meanwhile). */
	private boolean offer(Offer offer) throws InterruptedException {
		do {
			if (offer.tryOnce()) {
				return true;
			}
		} while (settings.qos() > 0 && !closed);
		return false;
	}

	/** The run of a run name while it goes on, or null. */
	private RemoteRun live(String name) {
		synchronized (runs) {
			RemoteRun run = runs.get(name);
			return run == null || run.hasEnded() ? null : run;
		}
	}

	/** The run of a run name: started at its first message; a run whose status said it ended starts again. */
	private RemoteRun run(String name) {
		synchronized (runs) {
			RemoteRun run = runs.get(name);
			if (run != null && run.wasStopped()) {
				return null; // stopped by the user: its later messages are left out until the next subscription
			}
			if (run == null || run.hasEnded()) {
				run = new RemoteRun(name);
				runs.put(name, run);
				try {
					events.startRun(name, run);
				} catch (RuntimeException e) {
					events.problem("The remote run " + name + " cannot start: " + e.getMessage());
					runs.remove(name);
					return null;
				}
			}
			return run;
		}
	}

	/** Says once in a while (and at the end) what could not be read or was dropped, if anything new. */
	private void report(boolean last) {
		long now = System.nanoTime();
		if (!last && now - lastReportNanos < REPORT_INTERVAL_NANOS) {
			return;
		}
		lastReportNanos = now;
		String text = problems();
		if (!text.isEmpty() && !text.equals(lastReport)) {
			lastReport = text;
			events.problem("MQTT " + settings.topic() + ": " + text);
		}
	}

	/** The payloads not read and the messages dropped so far, in words; empty when there are none. */
	String problems() {
		List<String> parts = new ArrayList<>();
		add(parts, tooLarge.get(), "payloads over 1 MiB");
		add(parts, notUtf8, "payloads that are not UTF-8 text");
		add(parts, notObject, "metrics payloads that are not a JSON object");
		add(parts, otherTopics, "messages on topics other than <run>/lines, <run>/metrics, <run>/status");
		add(parts, droppedQos0.get() + droppedByRuns, "messages dropped because Chirp did not keep up (QoS 0)");
		return String.join(", ", parts) + (parts.isEmpty() ? "" : " (left out)");
	}

	private static void add(List<String> parts, long count, String what) {
		if (count > 0) {
			parts.add(String.format(Locale.ROOT, "%,d %s", count, what));
		}
	}

	@Override
	public void close() {
		closed = true;
		closeClient();
		synchronized (runs) {
			runs.values().forEach(r -> r.end(null)); // the subscription ends: so do the runs it fed
		}
		if (events != null) {
			report(true);
			events.event("unsubscribed from " + settings.topic() + " at " + settings.broker());
		}
	}

	private synchronized void closeClient() {
		MqttClient c = client;
		client = null;
		if (c == null) {
			return;
		}
		try {
			if (c.isConnected()) {
				c.disconnect(1_000);
			} else {
				c.disconnectForcibly(0, 100);
			}
		} catch (MqttException | RuntimeException e) {
			// going away either way (Paho throws a NullPointerException for a client that never connected)
		}
		try {
			c.close(true);
		} catch (MqttException | RuntimeException e) {
			// the threads are ended by close(true) even so
		}
	}

	@Override
	public void kill() {
		closed = true;
		MqttClient c = client;
		if (c != null) {
			try {
				c.disconnectForcibly(0, 100, false);
			} catch (MqttException | RuntimeException e) {
				// killing: nothing to add
			}
		}
	}
}
