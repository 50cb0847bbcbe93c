package io.tcpgateway.server.connection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code tcp.server.access-log=true} a listener writes one line per closed connection on
 * {@code io.tcpgateway.access}: client, start, listener, duration, messages and bytes both ways,
 * the close cause and TLS; in a JSON log format the same values are fields. One server logs as
 * text to the console and as JSON (ECS) to a file, with a listener for each setting.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests {

	static final JsonMapper json = JsonMapper.builder().build();

	/** A subject a client chose so that the log shows a forged line and a colour change. */
	static final String FORGED_SUBJECT = "CN=device\r\n2026-12-04T00:00:00.000Z  INFO forged\u001b[31m";

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(AccessLogTests::start);

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create(dir);
		certificates.addTrustedClient("forger", FORGED_SUBJECT);
	}

	static RunningServer start() {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(List.of("--logging.file.name=" + jsonLog(), "--logging.structured.format.file=ecs",
				"--spring.main.web-application-type=none"));
		args.addAll(NamedListener.args("logged", "access-log=true"));
		args.addAll(NamedListener.args("tls", "access-log=true", "ssl.bundle=tcp"));
		args.addAll(NamedListener.args("mutual", "access-log=true", "ssl.bundle=tcp", "ssl.client-auth=need"));
		return RunningServer.start(new Class<?>[] { ClosedPorts.class }, args.toArray(String[]::new));
	}

	static Path jsonLog() {
		return dir.resolve("json.log");
	}

	@Test
	void aClosedConnectionIsOneLineInTcplogOrder(CapturedOutput output) throws Exception {
		int clientPort;
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("logged"))) {
			clientPort = client.socket().getLocalPort();
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(client.request("ECHO abc")).isEqualTo("abc");
			client.send("QUIT");
			assertThat(client.readUntilClosed()).isEqualToIgnoringNewLines("BYE");
		}
		String line = await().atMost(Duration.ofSeconds(10))
			.until(() -> accessLine(output, "127.0.0.1:" + clientPort + " "), Optional::isPresent)
			.orElseThrow();
		// PING, ECHO abc, QUIT in and PONG, abc, BYE out, each with its CRLF
		assertThat(line).matches(".*127\\.0\\.0\\.1:" + clientPort
				+ " \\[\\d{4}-\\d\\d-\\d\\dT[^]]+Z] logged \\d+ms 3/3 22/16B quit$");
		assertThat(output.toString().lines().filter((l) -> l.contains(AccessLog.LOGGER))).hasSize(1);
	}

	@Test
	void inJsonLogsTheValuesAreFieldsAndTlsIsNamed() throws Exception {
		int clientPort;
		try (TcpTestClient client = TcpTestClient.over(certificates.connect(server.get().tcpPort("tls"), null),
				"lf")) {
			clientPort = client.socket().getLocalPort();
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
		String line = await().atMost(Duration.ofSeconds(10))
			.until(() -> jsonAccessLine("127.0.0.1:" + clientPort), Optional::isPresent)
			.orElseThrow();
		JsonNode event = json.readTree(line);
		assertThat(event.path("log").path("logger").asString()).isEqualTo(AccessLog.LOGGER);
		assertThat(event.path("client").asString()).isEqualTo("127.0.0.1:" + clientPort);
		assertThat(event.path("listener").asString()).isEqualTo("tls");
		assertThat(event.path("messages_in").asLong()).isEqualTo(1);
		assertThat(event.path("messages_out").asLong()).isEqualTo(1);
		// bytes are counted on the wire, as HAProxy counts them: TLS records, handshake included
		assertThat(event.path("bytes_in").asLong()).isGreaterThan(5);
		assertThat(event.path("cause").asString()).isEqualTo("client-close");
		assertThat(event.path("tls_protocol").asString()).startsWith("TLSv1.");
		assertThat(event.path("tls_cipher").asString()).startsWith("TLS_");
		assertThat(event.path("duration_ms").isNumber()).isTrue();
	}

	@Test
	void aCertificateSubjectIsWrittenWithItsControlCharactersEscaped(CapturedOutput output) throws Exception {
		int clientPort = forgerConnects();
		String line = await().atMost(Duration.ofSeconds(10))
			.until(() -> accessLine(output, "127.0.0.1:" + clientPort + " "), Optional::isPresent)
			.orElseThrow();
		assertThat(line).endsWith(" peer=\"CN=device\\x0D\\x0A2026-12-04T00:00:00.000Z  INFO forged\\x1B[31m\"");
		assertThat(output.toString()).doesNotContain("\u001b[31m")
			.doesNotContain("\n2026-12-04T00:00:00.000Z  INFO forged");
	}

	@Test
	void inJsonLogsACertificateSubjectIsAFieldAsItIs() throws Exception {
		int clientPort = forgerConnects();
		String line = await().atMost(Duration.ofSeconds(10))
			.until(() -> jsonAccessLine("127.0.0.1:" + clientPort), Optional::isPresent)
			.orElseThrow();
		// JSON escapes control characters itself: the field is the subject, escaped once
		assertThat(json.readTree(line).path("tls_peer").asString()).isEqualTo(FORGED_SUBJECT);
		assertThat(line).contains("\\u001B[31m").doesNotContain("\u001b");
	}

	/** A client whose certificate subject forges a log line connects over mutual TLS; returns its port. */
	private static int forgerConnects() throws Exception {
		try (TcpTestClient client = TcpTestClient.over(certificates.connect(server.get().tcpPort("mutual"), "forger"),
				"lf")) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			return client.socket().getLocalPort();
		}
	}

	/** Told after the access log line, on the same thread. */
	@Configuration(proxyBeanMethods = false)
	static class ClosedPorts {

		static final Set<Integer> ports = ConcurrentHashMap.newKeySet();

		@Bean
		ConnectionListener recordClosedPorts() {
			return new ConnectionListener() {
				@Override
				public void closed(ConnectionContext connection, String cause) {
					ports.add(connection.remoteAddress().getPort());
				}
			};
		}

	}

	@Test
	void theAccessLogIsPerListenerAndOffByDefault(CapturedOutput output) throws Exception {
		int quietPort;
		try (TcpTestClient quiet = TcpTestClient.connect(server.get().tcpPort())) {
			quietPort = quiet.socket().getLocalPort();
			assertThat(quiet.request("PING")).isEqualTo("PONG");
		}
		int loggedPort;
		try (TcpTestClient logged = TcpTestClient.connect(server.get().tcpPort("logged"))) {
			loggedPort = logged.socket().getLocalPort();
			assertThat(logged.request("PING")).isEqualTo("PONG");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ClosedPorts.ports.containsAll(List.of(quietPort, loggedPort)));
		assertThat(accessLine(output, "127.0.0.1:" + loggedPort + " ")).isPresent();
		assertThat(accessLine(output, "127.0.0.1:" + quietPort + " ")).isEmpty();
	}

	private static Optional<String> accessLine(CapturedOutput output, String client) {
		return accessLine(output.toString().lines(), client);
	}

	private static Optional<String> jsonAccessLine(String client) throws IOException {
		try (Stream<String> lines = Files.lines(jsonLog())) {
			return accessLine(lines, client);
		}
	}

	private static Optional<String> accessLine(Stream<String> lines, String client) {
		return lines.filter((line) -> line.contains(AccessLog.LOGGER) && line.contains(client)).findFirst();
	}

}
