package io.tcpgateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged fat jar, started as a user starts it: {@code java -jar}, configured by
 * environment variables and arguments.
 */
class FatJarIT {

	private static final Duration STARTUP = FatJarProcess.STARTUP;

	@TempDir
	Path tempDir;

	private final List<FatJarProcess> started = new ArrayList<>();

	@AfterEach
	void stopWhatWeStarted() throws InterruptedException {
		for (FatJarProcess process : this.started) {
			process.close();
		}
	}

	@Test
	void environmentVariablesSetThePortAndJsonLogsAndTheServerAnswers() throws Exception {
		int port = FatJar.freePort();
		int binaryPort = FatJar.freePort();
		Path log = this.tempDir.resolve("env.log");
		start(log, Map.of("TCP_SERVER_PORT", String.valueOf(port), "TCP_SERVER_HOST", "127.0.0.1", "SERVER_PORT", "0",
				"LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "TCP_SERVER_LISTENERS_BINARY_PORT", String.valueOf(binaryPort),
				"TCP_SERVER_LISTENERS_BINARY_CODEC", "length-header-2"));
		await().atMost(STARTUP).until(() -> Files.readString(log).contains("Started TcpGatewayApplication"));
		assertThat(Files.readAllLines(log)).anySatisfy((line) -> assertThat(line).startsWith("{")
			.contains("\"message\":\"TCP listener 'default' listening on 127.0.0.1:" + port + " (codec lf"));
		try (TcpTestClient client = TcpTestClient.connect(port);
				TcpTestClient binary = TcpTestClient.connect(binaryPort, "length-header-2")) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(binary.request("PING")).isEqualTo("PONG");
		}
	}

	/**
	 * The JVM's own warnings (native access for Netty's epoll library on JDK 22+, which the
	 * manifest's {@code Enable-Native-Access: ALL-UNNAMED} grants; sun.misc.Unsafe on JDK 24+)
	 * start with "WARNING:", unified logging's with "[warning]": none from start to exit, on the
	 * JDK running the tests (.ci/run uses the newest installed).
	 */
	@Test
	void theJvmPrintsNoWarningsFromStartToExit() throws Exception {
		int port = FatJar.freePort();
		Path log = this.tempDir.resolve("warnings.log");
		Process process = start(log, Map.of(), "--tcp.server.host=127.0.0.1", "--tcp.server.port=" + port,
				"--server.port=0");
		await().atMost(STARTUP).until(() -> Files.readString(log).contains("Started TcpGatewayApplication"));
		try (TcpTestClient client = TcpTestClient.connect(port)) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
		process.destroy(); // SIGTERM
		assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(Files.readAllLines(log)).as("the JVM's output on Java %s", Runtime.version())
			.noneMatch((line) -> line.startsWith("WARNING") || line.contains("[warning]"));
	}

	@Test
	void aPortInUseMakesTheProcessExitWithAFailureAndAClearMessage() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			Path log = this.tempDir.resolve("in-use.log");
			Process process = start(log, Map.of(), "--tcp.server.host=127.0.0.1",
					"--tcp.server.port=" + taken.getLocalPort(), "--server.port=0");
			assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isNotZero();
			assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
				.contains("failed to bind 127.0.0.1:" + taken.getLocalPort());
		}
	}

	@Test
	void anInvalidSettingMakesTheProcessExitNamingThePropertyAndTheAllowedValues() throws Exception {
		Path log = this.tempDir.resolve("bad-codec.log");
		Process process = start(log, Map.of("TCP_SERVER_CODEC", "morse"), "--server.port=0");
		assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("tcp.server.codec", "morse", "LENGTH_HEADER_4", "STX_ETX");
	}

	@Test
	void sigtermDrainsEveryRequestTheServerHasReadThenExits() throws Exception {
		int port = FatJar.freePort();
		int httpPort = FatJar.freePort();
		Path log = this.tempDir.resolve("drain.log");
		Process process = start(log, Map.of(), "--tcp.server.host=127.0.0.1", "--tcp.server.port=" + port,
				"--server.port=" + httpPort, "--spring.lifecycle.timeout-per-shutdown-phase=20s");
		await().atMost(STARTUP).until(() -> Files.readString(log).contains("Started TcpGatewayApplication"));
		int clients = 4;
		int batch = 500;
		List<TcpTestClient> connections = new ArrayList<>();
		try {
			StringBuilder requests = new StringBuilder();
			for (int i = 0; i < batch; i++) {
				requests.append("ECHO ").append(i).append("\r\n");
			}
			for (int c = 0; c < clients; c++) {
				TcpTestClient client = TcpTestClient.connect(port);
				connections.add(client);
				client.sendRaw(requests.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			}
			java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
			java.net.http.HttpRequest received = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
						+ "/actuator/metrics/tcp.server.messages.received"))
				.build();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> http.send(received, java.net.http.HttpResponse.BodyHandlers.ofString())
					.body()
					.contains("\"value\":" + (double) (clients * batch)));

			process.destroy(); // SIGTERM

			for (TcpTestClient client : connections) {
				for (int i = 0; i < batch; i++) {
					assertThat(client.receive()).isEqualTo(String.valueOf(i));
				}
				assertThat(client.isClosedByServer()).isTrue();
			}
			assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isIn(0, 143);
			assertThat(Files.readString(log)).contains("stopped accepting connections on port " + port)
				.contains("closed " + clients + " of " + clients + " connections")
				.contains("received " + (clients * batch) + " messages, sent " + (clients * batch) + " replies");
		}
		finally {
			for (TcpTestClient client : connections) {
				client.close();
			}
		}
	}

	/** The tutorial's client: send bytes without a terminator, read once with a 1024-byte buffer. */
	@Test
	void theSeedProfileIsTheTutorialServer() throws Exception {
		Assumptions.assumeTrue(free(8080) && free(8081), "ports 8080 and 8081 are free");
		Path log = this.tempDir.resolve("seed.log");
		FatJarProcess seed = FatJarProcess.start(log, Map.of(), List.of("--spring.profiles.active=seed"));
		this.started.add(seed);
		seed.awaitStarted();
		try (Socket socket = new Socket("127.0.0.1", 8080)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			byte[] buffer = new byte[1024];
			int n = socket.getInputStream().read(buffer);
			assertThat(new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII))
				.isEqualTo("Hello from TCP server!");
			assertThat(socket.getInputStream().read()).as("then the server closes").isEqualTo(-1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> seed.log().contains("Connection from /127.0.0.1:" + socket.getLocalPort())
						&& seed.log().contains("Received: hello"));
		}
		java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:8081/actuator/health"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
	}

	/** When the tests run on Java 21+ and a Java 17 is installed too, as on this machine kind. */
	@Test
	@EnabledIf("aJava17IsInstalled")
	void virtualThreadsOnJava17FailStartupSayingSo() throws Exception {
		Path log = this.tempDir.resolve("virtual-17.log");
		List<String> command = List.of(java17().toString(), "-jar", FatJar.path(), "--tcp.server.port=0",
				"--server.port=0", "--tcp.server.worker-threads=virtual");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START")
			.contains("tcp.server.worker-threads is virtual, which needs Java 21 or newer; this is Java 17");
	}

	static boolean aJava17IsInstalled() {
		return Runtime.version().feature() >= 21 && java17() != null;
	}

	static Path java17() {
		try (java.util.stream.Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
			return homes.filter((home) -> home.getFileName().toString().contains("17"))
				.map((home) -> home.resolve("bin/java"))
				.filter(Files::isExecutable)
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Process start(Path log, Map<String, String> env, String... args) throws IOException {
		FatJarProcess process = FatJarProcess.start(log, env, List.of(args));
		this.started.add(process);
		return process.process();
	}

}
