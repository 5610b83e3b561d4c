package io.chirp.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Mosquitto of the benchmark's own on a free loopback port (the Debian package), stopped when closed. */
final class LoopbackBroker implements AutoCloseable {

	private final Process process;
	private final int port;

	private LoopbackBroker(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts one, or returns null when Mosquitto is not installed (the figure is then left out, with a word). */
	static LoopbackBroker start() throws IOException, InterruptedException {
		Path mosquitto = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto").stream().map(Path::of)
				.filter(Files::isExecutable).findFirst().orElse(null);
		if (mosquitto == null) {
			return null;
		}
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		Path folder = Files.createTempDirectory("chirp-bench-broker");
		Path config = Files.write(folder.resolve("mosquitto.conf"), List.of("listener " + port + " 127.0.0.1",
				"allow_anonymous true", "user " + System.getProperty("user.name")));
		Process process = new ProcessBuilder(mosquitto.toString(), "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(folder.resolve("mosquitto.out").toFile()).start();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < end && process.isAlive()) {
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return new LoopbackBroker(process, port);
			} catch (IOException e) {
				Thread.sleep(20);
			}
		}
		process.destroyForcibly();
		throw new IOException("Mosquitto did not listen on port " + port + ": " + Files.readString(folder.resolve("mosquitto.out")));
	}

	String uri() {
		return "tcp://127.0.0.1:" + port;
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}
}
