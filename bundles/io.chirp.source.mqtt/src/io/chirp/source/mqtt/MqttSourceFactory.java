package io.chirp.source.mqtt;

import java.util.List;
import java.util.Map;

import io.chirp.core.source.DataSource;
import io.chirp.core.source.DataSourceFactory;
import io.chirp.core.source.SourceParameter;
import io.chirp.core.source.SourceParameter.Kind;

/** Runs published to an MQTT broker by other machines (a training run on a GPU machine), as Chirp runs. */
public class MqttSourceFactory implements DataSourceFactory {

	@Override
	public String id() {
		return "io.chirp.source.mqtt";
	}

	@Override
	public String label() {
		return "MQTT";
	}

	@Override
	public String actionLabel() {
		return "&Subscribe...";
	}

	@Override
	public String description() {
		return "Runs published through an MQTT broker: chirp/<run>/lines carries a program's text "
				+ "(python train.py 2>&1 | mosquitto_pub -l -t chirp/gpu1/lines), chirp/<run>/metrics JSON objects, "
				+ "chirp/<run>/status started/ended. Each run name becomes a run of its own.";
	}

	@Override
	public String iconURI() {
		return "platform:/plugin/io.chirp.source.mqtt/icons/mqtt.png";
	}

	@Override
	public int rank() {
		return 30;
	}

	@Override
	public List<SourceParameter> parameters() {
		return List.of(
				new SourceParameter(MqttSettings.BROKER, "Broker", Kind.TEXT, "tcp://localhost:1883",
						"tcp://host:1883, or ssl://host:8883 (the certificate is verified)"),
				new SourceParameter(MqttSettings.TOPIC, "Topic filter", Kind.TEXT, "chirp/#",
						"chirp/# receives every run; chirp/gpu1/# one"),
				new SourceParameter(MqttSettings.QOS, "QoS", Kind.NUMBER, "1",
						"1: nothing published while the connection is down is lost (a persistent session); 0: faster, may drop"),
				new SourceParameter(MqttSettings.CLIENT_ID, "Client id", Kind.TEXT, MqttSettings.defaultClientId(),
						"The broker keeps what it could not deliver under this id"),
				new SourceParameter(MqttSettings.USER, "User name", Kind.TEXT, "", "Empty for a broker without log-in"),
				new SourceParameter(MqttSettings.PASSWORD, "Password", Kind.SECRET, "",
						"Kept only in Eclipse secure storage, and only with Save password ticked"),
				new SourceParameter(MqttSettings.CA_FILE, "CA certificate", Kind.FILE, "",
						"For ssl://: the CA (PEM) the broker's certificate must verify against; empty: the system's"));
	}

	/** A saved password belongs to the broker and the user name it was typed for. */
	@Override
	public String secretOwner(Map<String, String> values) {
		try {
			MqttSettings settings = MqttSettings.of(values); // tcp://host is tcp://host:1883
			return settings.broker() + " " + settings.user();
		} catch (IllegalArgumentException e) {
			return values.getOrDefault(MqttSettings.BROKER, "").strip() + " " + values.getOrDefault(MqttSettings.USER, "").strip();
		}
	}

	@Override
	public int recentKept() {
		return 5;
	}

	@Override
	public DataSource create(Map<String, String> values) {
		return new MqttSource(MqttSettings.of(values));
	}
}
