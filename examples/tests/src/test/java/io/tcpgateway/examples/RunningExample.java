package io.tcpgateway.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An example started as its README says, {@code examples/<name>/run.sh PORT}, on a free port of
 * 127.0.0.1, with its output in {@code target/<name>.log}; stopped with SIGTERM, by its PID.
 * run.sh builds nothing here: the product's build made the fat jar, this reactor the plugin.
 */
final class RunningExample {

	private static final Path EXAMPLES = Path.of(System.getProperty("examples.dir", ".."));

	private final Process process;

	private final Path log;

	private final int port;

	private RunningExample(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static RunningExample start(String name) throws IOException {
		int port = freePort();
		Path log = Path.of("target", name + ".log");
		ProcessBuilder builder = new ProcessBuilder("bash", EXAMPLES.resolve(name).resolve("run.sh").toString(),
				String.valueOf(port), "--tcp.server.host=127.0.0.1", "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("SERVER_PORT", "0");
		RunningExample example = new RunningExample(builder.start(), log, port);
		await().atMost(Duration.ofSeconds(120)).until(() -> {
			if (!example.process.isAlive()) {
				throw new AssertionError(name + "/run.sh exited with " + example.process.exitValue() + ":\n"
						+ Files.readString(log));
			}
			return Files.readString(log).contains("Started TcpGatewayApplication");
		});
		return example;
	}

	int port() {
		return this.port;
	}

	/** SIGTERM, as a user ends the foreground process; asserts it drained and exited. */
	void stop() throws InterruptedException, IOException {
		this.process.destroy();
		boolean exited = this.process.waitFor(30, TimeUnit.SECONDS);
		if (!exited) {
			this.process.destroyForcibly();
		}
		assertThat(exited).as("exited within 30 s of SIGTERM").isTrue();
		assertThat(this.process.exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
		assertThat(Files.readString(this.log)).contains("TCP drain finished");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
