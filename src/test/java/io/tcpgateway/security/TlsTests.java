package io.tcpgateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * TLS and mutual TLS from a Spring Boot SSL bundle, with a real TLS client. One server: the default
 * listener requires client certificates, and each test has a listener of its own settings.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(TlsTests::start);

	static ActuatorClient actuator;

	@BeforeAll
	static void startWithItsStartLinesCaptured() throws Exception {
		certificates = TestCertificates.create(dir);
		actuator = server.get().actuator();
	}

	static RunningServer start() {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(certificates.bundleArgs("modern", false));
		args.addAll(certificates.bundleArgs("other", true));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=need",
				"--spring.ssl.bundle.jks.modern.options.enabled-protocols=TLSv1.3"));
		args.addAll(NamedListener.args("noauth", "ssl.client-auth=none"));
		args.addAll(NamedListener.args("want", "ssl.client-auth=want"));
		args.addAll(NamedListener.args("idle", "ssl.client-auth=none", "idle-timeout=300ms"));
		args.addAll(NamedListener.args("modern", "ssl.bundle=modern", "ssl.client-auth=none"));
		args.addAll(NamedListener.args("other", "ssl.bundle=other"));
		for (String provider : List.of("jdk", "openssl")) {
			args.addAll(NamedListener.args(provider, "ssl.provider=" + provider));
			args.addAll(
					NamedListener.args("renegotiate" + provider, "ssl.client-auth=none", "ssl.provider=" + provider));
		}
		args.addAll(NamedListener.args("halfclose", "ssl.client-auth=none", "ssl.provider=openssl"));
		return RunningServer.start(args.toArray(String[]::new));
	}

	static int port(String listener) {
		return server.get().tcpPort(listener);
	}

	@Test
	void aTlsClientIsServedAndAFailedHandshakeIsCountedWithoutDisturbingIt() throws Exception {
		try (TcpTestClient tls = TcpTestClient.over(certificates.connect(port("noauth"), null), "lf")) {
			assertThat(tls.request("PING")).isEqualTo("PONG");
			try (TcpTestClient plain = TcpTestClient.connect(port("noauth"))) {
				plain.send("PING");
				assertThat(plain.isClosedByServer()).isTrue();
			}
			assertThat(tls.request("ECHO still here")).isEqualTo("still here");
			await().until(() -> actuator.count("tcp.server.errors", "listener:noauth", "type:tls") == 1);
			assertThat(actuator.json("health").at("/components/tcpServer/status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void mutualTlsServesATrustedClientAndRefusesOthers() throws Exception {
		int port = server.get().tcpPort();
		try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(port, "client"), "lf")) {
			assertThat(trusted.request("HELLO")).isEqualTo("Hello from TCP server!");
		}
		assertRefused(port, null);
		assertRefused(port, "stranger");
		await().until(() -> actuator.count("tcp.server.errors", "listener:default", "type:tls") == 2);
	}

	@Test
	void wantAcceptsClientsWithAndWithoutACertificate() throws Exception {
		try (TcpTestClient anonymous = TcpTestClient.over(certificates.connect(port("want"), null), "lf");
				TcpTestClient trusted = TcpTestClient.over(certificates.connect(port("want"), "client"), "lf")) {
			assertThat(anonymous.request("PING")).isEqualTo("PONG");
			assertThat(trusted.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aSilentConnectionClosedByTheIdleTimeoutIsOneTimeoutAndNoTlsError() throws Exception {
		try (TcpTestClient silent = TcpTestClient.connect(port("idle"))) {
			silent.readUntilClosed(); // at most a TLS alert, then EOF
			await().until(() -> actuator.count("tcp.server.errors", "listener:idle", "type:timeout") == 1);
			await().until(() -> actuator.metric("tcp.server.connections.active", "VALUE", "listener:idle") == 0);
			assertThat(actuator.count("tcp.server.errors", "listener:idle", "type:tls")).isZero();
		}
	}

	@Test
	void tls13And12AreSpokenByDefaultAndABundleCanNarrowThem() throws Exception {
		for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
			try (SSLSocket socket = certificates.connect(port("noauth"), null, protocol);
					TcpTestClient client = TcpTestClient.over(socket, "lf")) {
				assertThat(client.request("PING")).isEqualTo("PONG");
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
			}
		}
		assertThatException().isThrownBy(() -> {
			try (SSLSocket socket = certificates.connect(port("modern"), null, "TLSv1.2")) {
				TcpTestClient.over(socket, "lf").request("PING");
			}
		}).isInstanceOf(IOException.class);
	}

	@Test
	void aNamedListenerThatSetsOnlyItsBundleStillRequiresClientCertificates() throws Exception {
		try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(port("other"), "client"), "lf")) {
			assertThat(trusted.request("PING")).isEqualTo("PONG");
		}
		assertRefused(port("other"), null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void eachProviderServesMutualTlsAndTheStartLineNamesIt(String provider, CapturedOutput output) throws Exception {
		for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
			try (SSLSocket socket = certificates.connect(port(provider), "client", protocol);
					TcpTestClient client = TcpTestClient.over(socket, "lf")) {
				assertThat(client.request("WHOAMI")).endsWith(" CN=trusted-client");
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
			}
		}
		assertRefused(port(provider), "stranger");
		await().until(() -> actuator.count("tcp.server.tls.handshake", "listener:" + provider, "outcome:success",
				"protocol:TLSv1.3") == 1);
		assertThat(startLine(output, provider)).contains("(codec lf, tls " + provider + ", transport");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void aTls12ClientThatRenegotiatesIsClosedAndItsConnectionCountsOneHandshake(String provider) throws Exception {
		String listener = "renegotiate" + provider;
		try (SSLSocket socket = certificates.connect(port(listener), null, "TLSv1.2");
				TcpTestClient client = TcpTestClient.over(socket, "lf")) {
			AtomicInteger renegotiations = new AtomicInteger();
			socket.addHandshakeCompletedListener((handshake) -> renegotiations.incrementAndGet());
			assertThat(client.request("PING")).isEqualTo("PONG");
			socket.startHandshake(); // a TLS 1.2 client asks for a new handshake on the same connection
			assertThatException().isThrownBy(() -> client.request("PING")).isInstanceOf(IOException.class);
			assertThat(renegotiations).hasValue(0);
			await().until(() -> actuator.count("tcp.server.errors", "listener:" + listener, "type:tls") == 1);
			assertThat(actuator.count("tcp.server.tls.handshake", "listener:" + listener)).isEqualTo(1);
			assertThat(actuator.count("tcp.server.connections.closed", "listener:" + listener, "cause:tls-error"))
				.isEqualTo(1);
		}
	}

	@Test
	void autoIsTheJdkWhichKeepsTheReplyGuaranteeForHalfClosingClients(CapturedOutput output) {
		assertThat(startLine(output, "default")).contains("tls jdk, transport");
	}

	@Test
	void withOpenSslAHalfClosingClientLosesTheRepliesStillOwedAndTheyAreCountedAbandoned() throws Exception {
		try (TcpTestClient client = TcpTestClient.over(certificates.connect(port("halfclose"), null), "lf")) {
			for (int i = 0; i < 200; i++) {
				client.send("ECHO " + i);
			}
			client.shutdownOutput();
			long answered = client.readUntilClosed().lines().count();
			await().untilAsserted(() -> {
				assertThat(actuator.count("tcp.server.messages.received", "listener:halfclose")).isEqualTo(200);
				assertThat(actuator.count("tcp.server.messages.sent", "listener:halfclose")
						+ actuator.count("tcp.server.messages.abandoned", "listener:halfclose"))
					.isEqualTo(200);
			});
			assertThat(answered)
				.isLessThanOrEqualTo((long) actuator.count("tcp.server.messages.sent", "listener:halfclose"));
		}
	}

	/** The line a listener logs when it starts listening: the server started before the tests, in their output. */
	private static String startLine(CapturedOutput output, String listener) {
		return output.toString()
			.lines()
			.filter((line) -> line.contains("TCP listener '" + listener + "' listening on"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no start line of listener " + listener));
	}

	@Test
	void openSslLoadsHere() {
		// the openssl cells of these tests and of the TLS benchmark need it
		assertThat(OpenSsl.isAvailable()).as(String.valueOf(OpenSsl.unavailabilityCause())).isTrue();
	}

	/** With TLS 1.3 a refused client certificate may only show on the first read. */
	private static void assertRefused(int port, String identity) {
		assertThatException().isThrownBy(() -> {
			try (SSLSocket socket = certificates.connect(port, identity);
					TcpTestClient client = TcpTestClient.over(socket, "lf")) {
				String reply = client.request("PING");
				throw new AssertionError("a client without a trusted certificate got " + reply);
			}
		}).isInstanceOfAny(IOException.class);
	}


}
