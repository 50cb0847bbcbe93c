package io.tcpgateway.server.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.stream.Stream;

import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.TlsProvider;
import io.tcpgateway.server.ListenerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every listener's settings mean what they say: a named listener inherits each key it leaves
 * unset, one by one, and every listener's values are validated at startup with a message that
 * names its own property and environment variable. Bound from a map as the application binds
 * them (StartupFailureTests starts the application to show the same report end to end).
 */
class ListenerSettingsTests {

	/** A setting under a listener's prefix, and what startup says about it ({@code %s}: the prefix). */
	static Stream<Arguments> invalidValues() {
		return Stream.of(
				Arguments.of("write-timeout=0s", "%s.write-timeout must be a positive duration, was PT0S"),
				Arguments.of("idle-timeout=-1s", "%s.idle-timeout must be 0 (no timeout) or a positive duration"),
				Arguments.of("handshake-timeout=0s", "%s.handshake-timeout must be a positive duration"),
				Arguments.of("max-connections=-1", "%s.max-connections must be at least 0"),
				Arguments.of("max-connections-per-client=-2", "%s.max-connections-per-client must be at least 0"),
				Arguments.of("max-connection-rate-per-client=-3", "%s.max-connection-rate-per-client must be at least 0"),
				Arguments.of("max-tracked-clients=0", "%s.max-tracked-clients must be at least 1, was 0"),
				Arguments.of("backlog=0", "%s.backlog must be at least 1"),
				Arguments.of("port=70000", "%s.port must be between 0 and 65535, was 70000"),
				Arguments.of("max-message-size=0", "%s.max-message-size must be at least 1"),
				Arguments.of("max-message-size=-1", "%s.max-message-size must be at least 1"),
				Arguments.of("allowed-clients=10.0.0.0/33", "%s.allowed-clients has an invalid entry '10.0.0.0/33'"),
				Arguments.of("allowed-clients=10.0.0.0/8,10.1.2.300", "%s.allowed-clients has an invalid entry '10.1.2.300'"),
				Arguments.of("proxy-protocol=v2", "%s.trusted-proxies is required when %s.proxy-protocol is v2"),
				Arguments.of("trusted-proxies=proxy.example", "%s.trusted-proxies has an invalid entry 'proxy.example'"),
				Arguments.of("ssl.client-auth=need", "%s.ssl.client-auth is need, which needs %s.ssl.bundle"),
				Arguments.of("ssl.bundle=missing", "%s.ssl.bundle=missing names no SSL bundle"),
				Arguments.of("host=not.a.host.invalid", "%s.host is 'not.a.host.invalid', which is neither an IP "
						+ "address nor a host name"),
				Arguments.of("codec=morse", "'%s.codec'"),
				Arguments.of("ssl.provider=boringssl", "'%s.ssl.provider'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void anInvalidNamedListenerValueFailsStartupNamingItsOwnProperty(String setting, String message) {
		assertFailsNaming("tcp.server.listeners.edge", setting, message);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidValues")
	void anInvalidDefaultListenerValueFailsStartupNamingItsProperty(String setting, String message) {
		assertFailsNaming("tcp.server", setting, message);
	}

	private static void assertFailsNaming(String prefix, String setting, String message) {
		String expected = message.replace("%s", prefix);
		String report = setting.startsWith("port=") ? failureReport(prefix + "." + setting)
				: failureReport(prefix + "." + setting, prefix + ".port=0");
		assertThat(report).contains(expected);
		if (expected.startsWith("'")) {
			// Spring Boot's own report of a value it cannot convert: the value and the allowed ones
			assertThat(report).contains(setting.substring(setting.indexOf('=') + 1));
		}
		else {
			String property = expected.split("[ =]")[0];
			assertThat(report).contains("environment variable " + InvalidSettingException.environmentVariable(property));
		}
	}

	@Test
	void anUnknownCodecNamesThePropertyAndTheAllowedValues() {
		assertThat(failureReport("tcp.server.codec=morse")).contains("tcp.server.codec", "morse")
			.contains("LF", "CRLF", "LENGTH_HEADER_1", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "STX_ETX", "NUL")
			.contains("allowed values: lf, crlf, length-header-1, length-header-2, length-header-4, stx-etx, nul, raw, mllp, "
					+ "length-field, fixed-length, delimiter (or \"null\")");
	}

	@Test
	void aMaximumSizeTheCodecCannotFrameNamesBothProperties() {
		assertThat(failureReport("tcp.server.codec=length-header-1", "tcp.server.max-message-size=1000"))
			.contains("tcp.server.max-message-size is 1000, more than tcp.server.codec=length-header-1 can frame "
					+ "(at most 255 bytes)");
		assertThat(failureReport("tcp.server.codec=length-header-1", "tcp.server.listeners.edge.port=0",
				"tcp.server.listeners.edge.max-message-size=1000"))
			.contains("tcp.server.listeners.edge.max-message-size is 1000, more than "
					+ "tcp.server.listeners.edge.codec=length-header-1 can frame (at most 255 bytes)");
	}

	@Test
	void anUnresolvableHostIsASettingErrorNotAPortInUse() {
		assertThat(failureReport("tcp.server.host=not.a.host.invalid"))
			.contains("tcp.server.host is 'not.a.host.invalid', which is neither an IP address nor a host name")
			.doesNotContain("another process");
	}

	@Test
	void aListenerNamedDefaultIsRefused() {
		assertThat(failureReport("tcp.server.listeners.default.port=0"))
			.contains("tcp.server.listeners.default is reserved for the listener configured directly under tcp.server");
	}

	@Test
	void aListenerNamedNoneIsRefusedForItIsThePushMetersTagOfNoListener() {
		assertThat(failureReport("tcp.server.listeners.none.port=0"))
			.contains("tcp.server.listeners.none is reserved", "listener=none");
	}

	@Test
	void aNamedListenerNeedsItsOwnPortTheDefaultListenersIsNeverInherited() {
		assertThat(failureReport("tcp.server.port=7000", "tcp.server.listeners.broken.codec=crlf"))
			.contains("tcp.server.listeners.broken.port is required for a listener (0 picks a free port)",
					"TCP_SERVER_LISTENERS_BROKEN_PORT");
		assertThat(failureReport("tcp.server.listeners.broken.unknown-key=1"))
			.contains("tcp.server.listeners.broken.port is required for a listener");
	}

	@Test
	void theDefaultListenerUsesTheDocumentedDefaults() {
		ListenerSettings listener = BoundSettings.of().listener("default");
		assertThat(listener.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 9000));
		assertThat(listener.codec().propertyValue()).isEqualTo("lf");
		assertThat(listener.maxMessageSize()).isEqualTo(65536);
		assertThat(listener.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(listener.admission().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(listener.tls()).isNull();
		assertThat(listener.greeting()).isNull();
		assertThat(BoundSettings.of("tcp.server.codec=length-header-1").listener("default").maxMessageSize())
			.isEqualTo(255);
	}

	@Test
	void aNamedListenerInheritsEveryKeyItLeavesUnsetOneByOne() {
		ListenerSettings edge = BoundSettings
			.of("tcp.server.codec=crlf", "tcp.server.max-connections=7", "tcp.server.idle-timeout=45s",
					"tcp.server.allowed-clients=127.0.0.0/8,10.0.0.0/8", "tcp.server.max-connections-per-client=3",
					"tcp.server.greeting=220 ready", "tcp.server.listeners.edge.port=0",
					"tcp.server.listeners.edge.max-connections=9")
			.listener("edge");
		assertThat(edge.codec().propertyValue()).isEqualTo("crlf");
		assertThat(edge.idleTimeout()).hasSeconds(45);
		assertThat(edge.admission().maxConnections()).isEqualTo(9);
		assertThat(edge.admission().maxConnectionsPerClient()).isEqualTo(3);
		assertThat(edge.admission().allowedClients().contains(new InetSocketAddress("10.1.2.3", 1))).isTrue();
		assertThat(edge.greeting()).isEqualTo("220 ready");
		assertThat(edge.port()).isZero();
	}

	@Test
	void aNamedListenerThatSetsOnlyItsBundleKeepsTheDefaultListenersClientAuth() {
		var listeners = BoundSettings
			.of("tcp.server.ssl.client-auth=want", "tcp.server.ssl.provider=jdk", "tcp.server.listeners.edge.port=0",
					"tcp.server.listeners.edge.ssl.bundle=edge")
			.listenerProperties();
		assertThat(listeners.get("edge").ssl()).isEqualTo(new TlsProperties("edge", ClientAuth.WANT,
				TlsProvider.JDK));
		assertThat(listeners.get("default").ssl()).isEqualTo(new TlsProperties(null, ClientAuth.WANT,
				TlsProvider.JDK));
	}

	@Test
	void aListIsInheritedWholeOrReplacedWhole() {
		var settings = BoundSettings.of("tcp.server.allowed-clients=10.0.0.0/8,192.168.0.0/16",
				"tcp.server.listeners.edge.port=0", "tcp.server.listeners.edge.allowed-clients=172.16.0.0/12",
				"tcp.server.listeners.inner.port=0");
		ListenerSettings edge = settings.listener("edge");
		assertThat(edge.admission().allowedClients().contains(new InetSocketAddress("172.16.0.1", 1))).isTrue();
		assertThat(edge.admission().allowedClients().contains(new InetSocketAddress("10.0.0.1", 1))).isFalse();
		ListenerSettings inner = settings.listener("inner");
		assertThat(inner.admission().allowedClients().contains(new InetSocketAddress("192.168.1.1", 1))).isTrue();
	}

	@Test
	void listenersComeDefaultFirstThenByName() {
		assertThat(BoundSettings.of("tcp.server.listeners.zulu.port=0", "tcp.server.listeners.alpha.port=0")
			.listeners()
			.stream()
			.map(ListenerSettings::name)).containsExactly("default", "alpha", "zulu");
	}

	private static String failureReport(String... properties) {
		return BoundSettings.of(properties).failureReport();
	}

}
