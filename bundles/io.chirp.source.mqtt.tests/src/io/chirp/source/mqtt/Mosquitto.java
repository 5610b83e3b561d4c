package io.chirp.source.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for a test: on a free loopback port, with a configuration file the test writes, its
 * persistence in the test's folder; stopped (SIGTERM, so it saves its state) and started again on the same port.
 */
public final class Mosquitto implements AutoCloseable {

	private final Path folder;
	private final int port;
	private final Path config;
	private Process process;

	/**
	 * @param extra more configuration lines (a password file, TLS)
	 */
	public Mosquitto(Path folder, List<String> extra) throws IOException, InterruptedException {
		this.folder = folder;
		this.port = freePort();
		this.config = folder.resolve("mosquitto.conf");
		List<String> lines = new java.util.ArrayList<>(List.of("listener " + port + " 127.0.0.1",
				"persistence true", "persistence_location " + folder + "/", "log_dest file " + folder.resolve("mosquitto.log"),
				"max_queued_messages 100000",
				// run as root (CI), Mosquitto switches to its own user, which cannot write the test's folder: stay
				"user " + System.getProperty("user.name")));
		if (extra.stream().noneMatch(l -> l.startsWith("password_file") || l.startsWith("allow_anonymous"))) {
			lines.add("allow_anonymous true");
		}
		lines.addAll(extra);
		Files.write(config, lines);
		start();
	}

	static String executable() {
		for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		throw new IllegalStateException("Mosquitto is not installed: apt-get install mosquitto mosquitto-clients"
				+ " (.ci/run installs it)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	public int port() {
		return port;
	}

	public String uri() {
		return "tcp://127.0.0.1:" + port;
	}

	void start() throws IOException, InterruptedException {
		process = new ProcessBuilder(executable(), "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(folder.resolve("mosquitto.out").toFile()).start();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < end) {
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			} catch (IOException e) {
				if (!process.isAlive()) {
					throw new IOException("Mosquitto did not start: " + Files.readString(folder.resolve("mosquitto.out")));
				}
				Thread.sleep(20);
			}
		}
		throw new IOException("Mosquitto did not listen on port " + port + " within 10 s");
	}

	/** Stops it as {@code kill} does (SIGTERM: it saves its persistent sessions) and waits for it to end. */
	void stop() throws InterruptedException {
		if (process != null && process.isAlive()) {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
		if (process != null && process.isAlive()) {
			process.destroyForcibly();
		}
	}
}
