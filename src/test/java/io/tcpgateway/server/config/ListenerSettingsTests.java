package io.tcpgateway.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.tcpgateway.server.NettyServerConnectionFactory;
import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every listener's settings mean what they say: a named listener inherits each key it leaves
 * unset, one by one, and each of its values is validated at startup with a message that names
 * its own property and environment variable.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerSettingsTests {

	static Stream<Arguments> invalidNamedValues() {
		return Stream.of(
				Arguments.of("write-timeout=0s", "tcp.server.listeners.edge.write-timeout must be a positive duration, was PT0S"),
				Arguments.of("idle-timeout=-1s", "tcp.server.listeners.edge.idle-timeout must be 0 (no timeout) or a positive duration"),
				Arguments.of("handshake-timeout=0s", "tcp.server.listeners.edge.handshake-timeout must be a positive duration"),
				Arguments.of("max-connections=-1", "tcp.server.listeners.edge.max-connections must be at least 0"),
				Arguments.of("max-connections-per-client=-2", "tcp.server.listeners.edge.max-connections-per-client must be at least 0"),
				Arguments.of("max-connection-rate-per-client=-3", "tcp.server.listeners.edge.max-connection-rate-per-client must be at least 0"),
				Arguments.of("max-tracked-clients=0", "tcp.server.listeners.edge.max-tracked-clients must be at least 1, was 0"),
				Arguments.of("backlog=0", "tcp.server.listeners.edge.backlog must be at least 1"),
				Arguments.of("port=70000", "tcp.server.listeners.edge.port must be between 0 and 65535, was 70000"),
				Arguments.of("max-message-size=0", "tcp.server.listeners.edge.max-message-size must be at least 1"),
				Arguments.of("allowed-clients=10.0.0.0/33", "tcp.server.listeners.edge.allowed-clients has an invalid entry '10.0.0.0/33'"),
				Arguments.of("proxy-protocol=v2", "tcp.server.listeners.edge.trusted-proxies is required when tcp.server.listeners.edge.proxy-protocol is v2"),
				Arguments.of("trusted-proxies=proxy.example", "tcp.server.listeners.edge.trusted-proxies has an invalid entry 'proxy.example'"),
				Arguments.of("ssl.client-auth=need", "tcp.server.listeners.edge.ssl.client-auth is need, which needs tcp.server.listeners.edge.ssl.bundle"),
				Arguments.of("ssl.bundle=missing", "tcp.server.listeners.edge.ssl.bundle=missing names no SSL bundle"),
				Arguments.of("host=not.a.host.invalid", "tcp.server.listeners.edge.host is 'not.a.host.invalid'"),
				Arguments.of("codec=morse", "'tcp.server.listeners.edge.codec'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidNamedValues")
	void anInvalidNamedListenerValueFailsStartupNamingItsOwnProperty(String setting, String message,
			CapturedOutput output) {
		List<String> args = new ArrayList<>(List.of("--tcp.server.listeners.edge." + setting,
				"--spring.main.web-application-type=none"));
		if (!setting.startsWith("port=")) {
			args.add("--tcp.server.listeners.edge.port=0");
		}
		assertThatException().isThrownBy(() -> RunningServer.start(args.toArray(String[]::new)));
		assertThat(output).contains("APPLICATION FAILED TO START").contains(message);
		if (!setting.startsWith("codec")) {
			String property = message.substring(message.indexOf("tcp.server.listeners.edge."))
				.split("[ =]")[0];
			assertThat(output).contains("environment variable " + InvalidSettingException.environmentVariable(property));
		}
	}

	@Test
	void aListenerNamedDefaultIsRefused(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.listeners.default.port=0",
				"--spring.main.web-application-type=none"));
		assertThat(output).contains("tcp.server.listeners.default is reserved for the listener configured directly "
				+ "under tcp.server");
	}

	@Test
	void aPortInUseByANamedListenerNamesItsPortProperty(CapturedOutput output) throws Exception {
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.listeners.edge.host=127.0.0.1",
					"--tcp.server.listeners.edge.port=" + taken.getLocalPort(), "--spring.main.web-application-type=none"));
			assertThat(output).contains("TCP listener 'edge' failed to bind 127.0.0.1:" + taken.getLocalPort())
				.contains("set tcp.server.listeners.edge.port (environment variable TCP_SERVER_LISTENERS_EDGE_PORT)");
		}
	}

	@Test
	void aNamedListenerInheritsEveryKeyItLeavesUnsetOneByOne() {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--tcp.server.codec=crlf", "--tcp.server.max-connections=7", "--tcp.server.idle-timeout=45s",
				"--tcp.server.allowed-clients=127.0.0.0/8,10.0.0.0/8", "--tcp.server.max-connections-per-client=3",
				"--tcp.server.listeners.edge.port=0", "--tcp.server.listeners.edge.max-connections=9"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			var edge = server.context()
				.getBean("tcpServerConnectionFactory.edge", NettyServerConnectionFactory.class)
				.settings();
			assertThat(edge.codec().propertyValue()).isEqualTo("crlf");
			assertThat(edge.idleTimeout()).hasSeconds(45);
			assertThat(edge.admission().maxConnections()).isEqualTo(9);
			assertThat(edge.admission().maxConnectionsPerClient()).isEqualTo(3);
			assertThat(edge.admission().allowedClients().contains(new java.net.InetSocketAddress("10.1.2.3", 1)))
				.isTrue();
			assertThat(edge.port()).isZero();
		}
	}

}
