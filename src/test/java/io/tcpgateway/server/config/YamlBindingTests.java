package io.tcpgateway.server.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.TlsProvider;
import io.tcpgateway.server.codec.CodecKind;
import io.tcpgateway.server.dispatch.Transport;
import io.tcpgateway.server.dispatch.WorkerThreads;
import io.tcpgateway.server.proxy.ProxyProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every documented key works from an application.yml as a user writes it: a YAML number, a
 * duration, a sequence, a boolean (a ConfigMap's {@code worker-threads: 0} once failed to start).
 */
class YamlBindingTests {

	private static final Resource EVERY_KEY = new ClassPathResource("every-key.yml", YamlBindingTests.class);

	private static final LengthFieldProperties LENGTH_FIELD = new LengthFieldProperties(4, 4,
			io.tcpgateway.server.codec.LengthField.Endian.LITTLE, io.tcpgateway.server.codec.LengthField.Encoding.ASCII,
			-6, 0, "0300");

	@Test
	void theFileSetsEveryKeyOfReadmesConfigurationTable() throws Exception {
		List<String> written = new YamlPropertySourceLoader().load("every-key", EVERY_KEY)
			.stream()
			.flatMap((source) -> Stream.of(((org.springframework.core.env.EnumerablePropertySource<?>) source)
				.getPropertyNames()))
			.map((name) -> name.replaceAll("\\[\\d+]$", "").replaceAll("^tcp\\.server\\.listeners\\.[^.]+\\..+",
					ReadmeConfigurationTable.NAMED_LISTENERS))
			.toList();
		assertThat(written).containsAll(ReadmeConfigurationTable.keys());
	}

	@Test
	void everyKeyBindsAsWritten() throws Exception {
		BoundSettings settings = BoundSettings.fromYaml(EVERY_KEY);
		TcpServerProperties server = settings.server();
		assertThat(server.eventLoopThreads()).isEqualTo(3);
		assertThat(server.workerThreads()).isEqualTo(new WorkerThreads(false, 2));
		assertThat(server.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(server.transport()).isEqualTo(Transport.NIO);
		assertThat(server.workerQueue()).isEqualTo(500);
		assertThat(server.shutdownDelay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(server.maxBufferedBytes()).isEqualTo(org.springframework.util.unit.DataSize.ofMegabytes(64));
		assertThat(server.sessions()).isEqualTo(new SessionsProperties(
				io.tcpgateway.server.session.SessionRegistry.OnConflict.REJECT, SessionsProperties.SessionStoreKind.REDIS,
				Duration.ofSeconds(3), new SessionsProperties.OfflineQueueProperties(50, Duration.ofMinutes(30), 5000)));
		ListenerProperties listener = settings.listenerProperties().get("default");
		assertThat(listener).isEqualTo(new ListenerProperties("127.0.0.1", 7000, 128, CodecKind.CRLF, 4096, true,
				Duration.ofMinutes(5), false, false, 1000, Duration.ofSeconds(45), List.of("10.0.0.0/8", "192.168.1.7"),
				new TlsProperties("tcp", ClientAuth.WANT, TlsProvider.JDK), ProxyProtocol.V2, List.of("10.0.0.0/16"),
				Duration.ofSeconds(3), 20, 5, 1000, StandardCharsets.ISO_8859_1, "220 ready", true, "commands", 8, org.springframework.util.unit.DataSize.ofKilobytes(128),
				io.tcpgateway.server.codec.LineEnding.LF, false, LENGTH_FIELD, 32, "0d0a"));
		ListenerProperties hl7 = settings.listenerProperties().get("hl7");
		assertThat(hl7).isEqualTo(new ListenerProperties("127.0.0.1", 2575, 128, CodecKind.MLLP, 1048576, true,
				Duration.ofMinutes(5), false, false, 1000, Duration.ofSeconds(45), List.of("10.0.0.0/8", "192.168.1.7"),
				new TlsProperties("tcp", ClientAuth.NEED, TlsProvider.JDK), ProxyProtocol.OFF, List.of("10.0.0.0/16"),
				Duration.ofSeconds(3), 20, 5, 1000, StandardCharsets.ISO_8859_1, "220 ready", true, "hl7", 8, org.springframework.util.unit.DataSize.ofKilobytes(128),
				io.tcpgateway.server.codec.LineEnding.LF, true, LENGTH_FIELD, 32, "0d0a"));
	}

	@ParameterizedTest(name = "worker-threads: {0}")
	@CsvSource({ "0, 0", "2, 2", "'\"0\"', 0", "'\"8\"', 8" })
	void workerThreadsAsAYamlNumberOrText(String written, int count) throws Exception {
		assertThat(BoundSettings.fromYaml(yaml("tcp.server.worker-threads: " + written)).server().workerThreads())
			.isEqualTo(new WorkerThreads(false, count));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "idle-timeout: 0 | PT0S", "idle-timeout: 90s | PT1M30S",
			"idle-timeout: 250 | PT0.25S" })
	void aDurationAsAWordOrANumberOfMilliseconds(String written, Duration expected) throws Exception {
		assertThat(BoundSettings.fromYaml(yaml("tcp.server." + written)).listener("default").idleTimeout())
			.isEqualTo(expected);
	}

	@Test
	void aListAsASequenceOrACommaSeparatedValue() throws Exception {
		for (String written : List.of("[10.0.0.0/8, 192.168.1.7]", "10.0.0.0/8,192.168.1.7", "\n  - 10.0.0.0/8\n  - 192.168.1.7")) {
			assertThat(BoundSettings.fromYaml(yaml("tcp.server.allowed-clients: " + written))
				.listenerProperties()
				.get("default")
				.allowedClients()).as(written).containsExactly("10.0.0.0/8", "192.168.1.7");
		}
	}

	private static Resource yaml(String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "application.yml";
			}
		};
	}

}
