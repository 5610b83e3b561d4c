package io.chirp.source.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttTopic;

/**
 * What a subscription needs, checked as typed: each wrong value is refused with a message naming its field as the
 * Subscribe page shows it.
 *
 * @param broker   {@code tcp://host:port} or {@code ssl://host:port}
 * @param topic    the topic filter ({@code chirp/#})
 * @param qos      0, 1 or 2
 * @param clientId the client id: with a persistent session, the broker keeps what it could not deliver under it
 * @param user     empty for none
 * @param password empty for none; never in the preferences (the dialog may keep it in secure storage)
 * @param caFile   for {@code ssl://}: a CA certificate (PEM) to verify the broker against, or null for the system's
 */
record MqttSettings(String broker, String topic, int qos, String clientId, String user, char[] password, Path caFile) {

	static final String BROKER = "broker";
	static final String TOPIC = "topic";
	static final String QOS = "qos";
	static final String CLIENT_ID = "clientId";
	static final String USER = "user";
	static final String PASSWORD = "password";
	static final String CA_FILE = "caFile";

	static String defaultClientId() {
		return ("chirp-" + System.getProperty("user.name", "user")).replaceAll("[^\\w-]", "_");
	}

	static MqttSettings of(Map<String, String> values) {
		String broker = values.getOrDefault(BROKER, "").strip();
		URI uri;
		try {
			uri = new URI(broker);
		} catch (URISyntaxException e) {
			throw new IllegalArgumentException("Broker: '" + broker + "' is not a URI (tcp://host:1883 or ssl://host:8883).");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
			throw new IllegalArgumentException("Broker: '" + broker + "' must start with tcp:// or ssl://.");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new IllegalArgumentException("Broker: '" + broker + "' names no host.");
		}
		if (uri.getPort() < 0) {
			broker = scheme + "://" + uri.getHost() + (scheme.equals("ssl") ? ":8883" : ":1883");
		}
		String topic = values.getOrDefault(TOPIC, "chirp/#").strip();
		if (topic.isEmpty()) {
			throw new IllegalArgumentException("Topic filter: empty; chirp/# receives every run.");
		}
		try {
			MqttTopic.validate(topic, true);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("Topic filter: '" + topic + "' is not valid (# only at the end, + for a whole level).");
		}
		String typedQos = values.getOrDefault(QOS, "1").strip();
		int qos;
		try {
			qos = Integer.parseInt(typedQos);
		} catch (NumberFormatException e) {
			qos = -1;
		}
		if (qos < 0 || qos > 2) {
			throw new IllegalArgumentException("QoS: '" + typedQos + "' is invalid: 0, 1 or 2.");
		}
		String clientId = values.getOrDefault(CLIENT_ID, "").strip();
		if (clientId.isEmpty()) {
			clientId = defaultClientId();
		}
		if (clientId.length() > 65535) {
			throw new IllegalArgumentException("Client id: too long.");
		}
		String caText = values.getOrDefault(CA_FILE, "").strip();
		Path ca = null;
		if (!caText.isEmpty()) {
			ca = Path.of(caText);
			if (!Files.isReadable(ca)) {
				throw new IllegalArgumentException("CA certificate: " + ca + " cannot be read.");
			}
			if (!scheme.equals("ssl")) {
				throw new IllegalArgumentException("CA certificate: only for an ssl:// broker.");
			}
		}
		return new MqttSettings(broker, topic, qos, clientId, values.getOrDefault(USER, "").strip(),
				values.getOrDefault(PASSWORD, "").toCharArray(), ca);
	}

	boolean tls() {
		return broker.startsWith("ssl://");
	}
}
