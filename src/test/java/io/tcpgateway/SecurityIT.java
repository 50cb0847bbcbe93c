package io.tcpgateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The trust boundary, tried as an attacker would, against the fat jar: forged PROXY headers,
 * silent connections that never finish their handshake, one address flooding, and a process
 * short of file descriptors. 127.0.0.2 plays the load balancer or a second client host; every
 * connection goes to 127.0.0.1. Figures go to the output, prefixed {@code [security-it]}.
 */
class SecurityIT {

	static final String BALANCER = "127.0.0.2";

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	static FatJarProcess server;

	static ActuatorClient actuator;

	static final Map<String, Integer> ports = new java.util.HashMap<>();

	@BeforeAll
	static void start() throws Exception {
		certificates = TestCertificates.create(dir);
		int http = FatJar.freePort();
		for (String name : List.of("default", "v1", "v2", "optional", "tls", "rated")) {
			ports.put(name, FatJar.freePort());
		}
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.host=127.0.0.1", "--tcp.server.port=" + ports.get("default"),
				"--server.address=127.0.0.1", "--server.port=" + http, "--tcp.server.max-connections-per-client=3",
				"--tcp.server.trusted-proxies=" + BALANCER));
		listener(args, "v1", "proxy-protocol=v1", "allowed-clients=198.51.100.0/24");
		listener(args, "v2", "proxy-protocol=v2", "allowed-clients=198.51.100.0/24", "max-connections=10",
				"handshake-timeout=1s");
		listener(args, "optional", "proxy-protocol=optional", "allowed-clients=198.51.100.0/24,127.0.0.1");
		listener(args, "tls", "ssl.bundle=tcp", "max-connections=10", "handshake-timeout=1s",
				"max-connections-per-client=0");
		listener(args, "rated", "max-connections-per-client=0", "max-connection-rate-per-client=20");
		server = FatJarProcess.start(dir.resolve("security.log"), Map.of(), args).awaitStarted();
		actuator = ActuatorClient.at(http);
	}

	static void listener(List<String> args, String name, String... settings) {
		args.add("--tcp.server.listeners." + name + ".port=" + ports.get(name));
		for (String setting : settings) {
			args.add("--tcp.server.listeners." + name + "." + setting);
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	static double rejected(String listener, String reason) throws Exception {
		return actuator.count("tcp.server.connections.rejected", "listener:" + listener, "reason:" + reason);
	}

	static void figure(String format, Object... args) {
		System.out.println("[security-it] " + String.format(format, args));
	}

	@Test
	void aForgedProxyHeaderFromAnUntrustedPeerIsRefusedInEveryMode() throws Exception {
		byte[] forged = ProxyHeaders.v2("198.51.100.7", 4000);
		for (String mode : List.of("v1", "v2", "optional")) {
			byte[] header = mode.equals("v1") ? ProxyHeaders.v1("TCP4", "198.51.100.7", "10.0.0.1", 4000) : forged;
			double before = rejected(mode, "untrusted-proxy");
			try (TcpTestClient direct = TcpTestClient.connect(ports.get(mode))) {
				direct.sendRaw(ProxyHeaders.concat(header, "PING\r\n".getBytes(StandardCharsets.US_ASCII)));
				assertThat(readOrClosed(direct)).as("%s: a forged header gets no reply", mode).isNull();
			}
			await().untilAsserted(() -> assertThat(rejected(mode, "untrusted-proxy")).isEqualTo(before + 1));
			try (TcpTestClient balancer = TcpTestClient.connectFrom(BALANCER, ports.get(mode))) {
				balancer.sendRaw(header);
				assertThat(balancer.request("PING")).as("%s: the trusted balancer is served", mode).isEqualTo("PONG");
			}
		}
		// optional: an untrusted peer without a header is served as itself
		try (TcpTestClient direct = TcpTestClient.connect(ports.get("optional"))) {
			assertThat(direct.request("PING")).isEqualTo("PONG");
			assertThat(listed("optional")).contains("127.0.0.1:" + direct.socket().getLocalPort());
		}
		figure("forged headers: refused as untrusted-proxy on v1, v2 and optional; the balancer was served on each");
	}

	@Test
	void silentConnectionsBeyondMaxConnectionsAreRefusedAndTheHeldOnesTimeOut() throws Exception {
		for (String listener : List.of("v2", "tls")) {
			double busyBefore = rejected(listener, "max-connections");
			double timedOutBefore = rejected(listener, "handshake-timeout");
			List<Socket> silent = new ArrayList<>();
			try {
				for (int i = 0; i < 30; i++) {
					Socket socket = new Socket();
					socket.bind(new InetSocketAddress(BALANCER, 0));
					socket.connect(new InetSocketAddress("127.0.0.1", ports.get(listener)), 5000);
					socket.setSoTimeout(5000);
					silent.add(socket);
				}
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(rejected(listener, "max-connections")).isEqualTo(busyBefore + 20));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(rejected(listener, "handshake-timeout")).isEqualTo(timedOutBefore + 10));
				for (Socket socket : silent) {
					assertThat(closedByServer(socket)).isTrue();
				}
			}
			finally {
				for (Socket socket : silent) {
					socket.close();
				}
			}
			figure("%s: 30 silent connections: %d held, %d refused at once (max-connections 10), the held ones "
					+ "closed by handshake-timeout 1 s", listener, 10, 20);
		}
		try (TcpTestClient balancer = TcpTestClient.connectFrom(BALANCER, ports.get("v2"))) {
			balancer.sendRaw(ProxyHeaders.v2("198.51.100.9", 4001));
			assertThat(balancer.request("PING")).isEqualTo("PONG");
		}
		// the listener's handshake timeout is 1 s here: on a loaded machine a TLS handshake may
		// exceed it, which closes that attempt as it should; a later one must be served
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			try (SSLSocket tls = certificates.connect(ports.get("tls"), null);
					TcpTestClient overTls = TcpTestClient.over(tls, "lf")) {
				assertThat(overTls.request("PING")).isEqualTo("PONG");
			}
		});
	}

	@Test
	void oneAddressAtItsLimitsLeavesAnotherAddressServed() throws Exception {
		List<TcpTestClient> held = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				TcpTestClient client = TcpTestClient.connect(ports.get("default"));
				held.add(client);
				assertThat(client.request("PING")).isEqualTo("PONG");
			}
			double before = rejected("default", "per-client-limit");
			for (int i = 0; i < 10; i++) {
				try (TcpTestClient over = TcpTestClient.connect(ports.get("default"))) {
					assertThat(over.receive()).isEqualTo("ERR server busy");
				}
			}
			try (TcpTestClient other = TcpTestClient.connectFrom(BALANCER, ports.get("default"))) {
				assertThat(other.request("PING")).as("another address is still served").isEqualTo("PONG");
			}
			await().untilAsserted(() -> assertThat(rejected("default", "per-client-limit")).isEqualTo(before + 10));
		}
		finally {
			for (TcpTestClient client : held) {
				client.close();
			}
		}
		int refused = 0;
		int served = 0;
		long start = System.nanoTime();
		for (int i = 0; i < 200; i++) {
			try (TcpTestClient flood = TcpTestClient.connect(ports.get("rated"))) {
				flood.send("PING");
				if ("PONG".equals(readOrClosed(flood))) {
					served++;
				}
				else {
					refused++;
				}
			}
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		try (TcpTestClient other = TcpTestClient.connectFrom(BALANCER, ports.get("rated"))) {
			assertThat(other.request("PING")).isEqualTo("PONG");
		}
		// the bucket holds 20 and refills at 20 per second while the flood lasts
		assertThat(served).isBetween(20, 20 + (int) (20 * millis / 1000) + 1);
		assertThat(refused).isPositive();
		figure("one address, 200 connects in %d ms at max-connection-rate-per-client 20: %d served, %d refused; "
				+ "per-client limit 3: 10 more refused with ERR server busy; the other address served", millis, served,
				refused);
		assertThat(server.log().lines().filter((line) -> line.contains("(connection-rate)")).count())
			.as("one log line per reason and 10 s").isLessThanOrEqualTo(1 + millis / 10_000);
	}

	@Test
	void closingAConnectionOverHttpIsRefusedByDefault() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(ports.get("optional"))) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			String id = connectionFrom("optional", client.socket().getLocalPort()).at("/id").asString();
			assertThat(actuator.delete("tcpconnections/" + id).statusCode()).isEqualTo(404);
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aShortOpenFileLimitRefusesCleanlyAndRecovers() throws Exception {
		int http = FatJar.freePort();
		int plain = FatJar.freePort();
		int mtls = FatJar.freePort();
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(certificates.bundleArgs("other", true));
		args.addAll(List.of("--tcp.server.host=127.0.0.1", "--tcp.server.port=0", "--server.address=127.0.0.1",
				"--server.port=" + http, "--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=need",
				"--tcp.server.listeners.mtls.port=" + mtls, "--tcp.server.listeners.mtls.ssl.bundle=other",
				"--tcp.server.listeners.plain.port=" + plain, "--tcp.server.listeners.plain.ssl.bundle=",
				"--tcp.server.listeners.plain.ssl.client-auth=none",
				"--management.endpoint.tcpconnections.access=unrestricted"));
		try (FatJarProcess limited = FatJarProcess.start(dir.resolve("ulimit.log"), Map.of(), 512, args)
			.awaitStarted()) {
			ActuatorClient limitedActuator = ActuatorClient.at(http);
			assertThat(limited.log()).contains("at most 384 connections (open-file limit 512");

			// a named listener that sets only its bundle keeps client-auth need
			try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(mtls, "client"), "lf")) {
				assertThat(trusted.request("PING")).isEqualTo("PONG");
			}
			assertThatException().isThrownBy(() -> {
				try (TcpTestClient anonymous = TcpTestClient.over(certificates.connect(mtls, null), "lf")) {
					anonymous.request("PING");
				}
			}).isInstanceOf(IOException.class);

			List<TcpTestClient> open = new ArrayList<>();
			int busy = 0;
			try {
				for (int i = 0; i < 600; i++) {
					TcpTestClient client = TcpTestClient.connect(plain);
					String reply = client.request("PING");
					if (reply.equals("PONG")) {
						open.add(client);
					}
					else {
						assertThat(reply).isEqualTo("ERR server busy");
						busy++;
						client.close();
					}
				}
				int served = open.size();
				figure("ulimit -n 512: budget 384 connections; of 600 connects %d served and held, %d answered "
						+ "ERR server busy", served, busy);
				assertThat(served).isBetween(370, 384);
				assertThat(busy).isEqualTo(600 - served);
				assertThat(limitedActuator.count("tcp.server.connections.rejected", "listener:plain",
						"reason:max-connections")).isEqualTo(busy);

				// an operator may close a connection once access is unrestricted
				String id = limitedActuator.json("tcpconnections").at("/connections/0/id").asString();
				assertThat(limitedActuator.delete("tcpconnections/" + id).statusCode()).isEqualTo(200);
			}
			finally {
				for (TcpTestClient client : open) {
					client.close();
				}
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> limitedActuator.metric("tcp.server.connections.active", "VALUE", "listener:plain") == 0);
			try (TcpTestClient after = TcpTestClient.connect(plain)) {
				assertThat(after.request("PING")).as("served again once connections closed").isEqualTo("PONG");
			}
			assertThat(limited.log()).doesNotContain("Too many open files");
			assertThat(limited.log().lines().filter((line) -> line.contains("(max-connections)")).count())
				.as("one log line per reason and 10 s").isLessThanOrEqualTo(3);
		}
	}

	@Test
	void anInvalidNamedListenerValueStopsTheFatJarNamingItsPropertyAndVariable() throws Exception {
		try (FatJarProcess invalid = FatJarProcess.start(dir.resolve("invalid.log"),
				Map.of("TCP_SERVER_LISTENERS_EDGE_PORT", "0", "TCP_SERVER_LISTENERS_EDGE_WRITETIMEOUT", "0s"),
				List.of("--tcp.server.port=0", "--server.port=0"))) {
			assertThat(invalid.process().waitFor(FatJarProcess.STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(invalid.process().exitValue()).isNotZero();
			assertThat(invalid.log()).contains("APPLICATION FAILED TO START")
				.contains("tcp.server.listeners.edge.write-timeout must be a positive duration, was PT0S")
				.contains("environment variable TCP_SERVER_LISTENERS_EDGE_WRITETIMEOUT");
		}
	}

	private static List<String> listed(String listener) throws Exception {
		List<String> clients = new ArrayList<>();
		for (JsonNode connection : actuator.json("tcpconnections").at("/connections")) {
			if (connection.at("/listener").asString().equals(listener)) {
				clients.add(connection.at("/remoteAddress").asString() + ":" + connection.at("/remotePort").asInt());
			}
		}
		return clients;
	}

	private static JsonNode connectionFrom(String listener, int port) throws Exception {
		for (JsonNode connection : actuator.json("tcpconnections").at("/connections")) {
			if (connection.at("/listener").asString().equals(listener) && connection.at("/remotePort").asInt() == port) {
				return connection;
			}
		}
		throw new AssertionError("no connection from port " + port + " on " + listener);
	}

	/** The next reply, or {@code null} when the server closed (or reset) the connection instead. */
	private static String readOrClosed(TcpTestClient client) throws IOException {
		try {
			return client.receive();
		}
		catch (java.io.EOFException | java.net.SocketException ex) {
			return null;
		}
	}

	private static boolean closedByServer(Socket socket) throws IOException {
		try {
			while (socket.getInputStream().read() >= 0) {
				// a TLS alert or a busy reply before the close
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
