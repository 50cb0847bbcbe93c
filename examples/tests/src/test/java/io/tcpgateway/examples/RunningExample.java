package io.tcpgateway.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An example started as its README says, {@code examples/<name>/run.sh PORT}, on a free port of
 * 127.0.0.1 before a test class's tests, with its output in {@code target/<name>.log}; after
 * them, stopped with SIGTERM by its PID, as a user ends the foreground process. run.sh builds
 * nothing here: the product's build made the fat jar, this reactor the plugin.
 */
final class RunningExample implements BeforeAllCallback, AfterAllCallback {

	private static final Path EXAMPLES = Path.of(System.getProperty("examples.dir", ".."));

	private final String name;

	private final Path log;

	private final int port;

	private Process process;

	RunningExample(String name) {
		this.name = name;
		this.log = Path.of("target", name + ".log");
		this.port = freePort();
	}

	int port() {
		return this.port;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", EXAMPLES.resolve(this.name).resolve("run.sh").toString(),
				String.valueOf(this.port), "--tcp.server.host=127.0.0.1", "--server.address=127.0.0.1")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		builder.environment().put("SERVER_PORT", "0");
		this.process = builder.start();
		await().atMost(Duration.ofSeconds(120)).until(() -> {
			if (!this.process.isAlive()) {
				throw new AssertionError(this.name + "/run.sh exited with " + this.process.exitValue() + ":\n"
						+ Files.readString(this.log));
			}
			return Files.readString(this.log).contains("Started TcpGatewayApplication");
		});
	}

	/** SIGTERM; asserts that the server drained and exited. */
	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException, IOException {
		this.process.destroy();
		boolean exited = this.process.waitFor(30, TimeUnit.SECONDS);
		if (!exited) {
			this.process.destroyForcibly();
		}
		assertThat(exited).as("exited within 30 s of SIGTERM").isTrue();
		assertThat(this.process.exitValue()).as("the JVM's status after SIGTERM").isEqualTo(143);
		assertThat(Files.readString(this.log)).contains("TCP drain finished");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port on the loopback interface", ex);
		}
	}

}
