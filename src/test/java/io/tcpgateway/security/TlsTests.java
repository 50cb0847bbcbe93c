package io.tcpgateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** TLS and mutual TLS from a Spring Boot SSL bundle, with a real TLS client. */
@ExtendWith(OutputCaptureExtension.class)
class TlsTests {

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create(dir);
	}

	static RunningServer start(String clientAuth) {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", !clientAuth.equals("none")));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=" + clientAuth));
		return RunningServer.start(args.toArray(String[]::new));
	}

	@Test
	void aTlsClientIsServedAndAFailedHandshakeIsCountedWithoutDisturbingIt() throws Exception {
		try (RunningServer server = start("none");
				TcpTestClient tls = TcpTestClient.over(certificates.connect(server.tcpPort(), null), "lf")) {
			ActuatorClient actuator = server.actuator();
			assertThat(tls.request("PING")).isEqualTo("PONG");
			try (TcpTestClient plain = TcpTestClient.connect(server.tcpPort())) {
				plain.send("PING");
				assertThat(plain.isClosedByServer()).isTrue();
			}
			assertThat(tls.request("ECHO still here")).isEqualTo("still here");
			await().until(() -> actuator.count("tcp.server.errors", "type:tls") == 1);
			assertThat(actuator.json("health").at("/components/tcpServer/status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void mutualTlsServesATrustedClientAndRefusesOthers() throws Exception {
		try (RunningServer server = start("need")) {
			try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(server.tcpPort(), "client"), "lf")) {
				assertThat(trusted.request("HELLO")).isEqualTo("Hello from TCP server!");
			}
			assertRefused(server.tcpPort(), null);
			assertRefused(server.tcpPort(), "stranger");
			ActuatorClient actuator = server.actuator();
			await().until(() -> actuator.count("tcp.server.errors", "type:tls") == 2);
		}
	}

	@Test
	void wantAcceptsClientsWithAndWithoutACertificate() throws Exception {
		try (RunningServer server = start("want");
				TcpTestClient anonymous = TcpTestClient.over(certificates.connect(server.tcpPort(), null), "lf");
				TcpTestClient trusted = TcpTestClient.over(certificates.connect(server.tcpPort(), "client"), "lf")) {
			assertThat(anonymous.request("PING")).isEqualTo("PONG");
			assertThat(trusted.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aSilentConnectionClosedByTheIdleTimeoutIsOneTimeoutAndNoTlsError() throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.idle-timeout=300ms"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new));
				TcpTestClient silent = TcpTestClient.connect(server.tcpPort())) {
			ActuatorClient actuator = server.actuator();
			silent.readUntilClosed(); // at most a TLS alert, then EOF
			await().until(() -> actuator.count("tcp.server.errors", "type:timeout") == 1);
			await().until(() -> actuator.metric("tcp.server.connections.active", "VALUE") == 0);
			assertThat(actuator.count("tcp.server.errors", "type:tls")).isZero();
		}
	}

	@Test
	void tls13And12AreSpokenByDefaultAndABundleCanNarrowThem() throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(certificates.bundleArgs("modern", false));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.listeners.modern.port=0",
				"--tcp.server.listeners.modern.ssl.bundle=modern",
				"--spring.ssl.bundle.jks.modern.options.enabled-protocols=TLSv1.3"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
				try (SSLSocket socket = certificates.connect(server.tcpPort(), null, protocol);
						TcpTestClient client = TcpTestClient.over(socket, "lf")) {
					assertThat(client.request("PING")).isEqualTo("PONG");
					assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
				}
			}
			assertThatException().isThrownBy(() -> {
				try (SSLSocket socket = certificates.connect(server.tcpPort("modern"), null, "TLSv1.2")) {
					TcpTestClient.over(socket, "lf").request("PING");
				}
			}).isInstanceOf(IOException.class);
		}
	}

	@Test
	void aNamedListenerThatSetsOnlyItsBundleStillRequiresClientCertificates() throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(certificates.bundleArgs("other", true));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=need",
				"--tcp.server.listeners.other.port=0", "--tcp.server.listeners.other.ssl.bundle=other"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			try (TcpTestClient trusted = TcpTestClient.over(certificates.connect(server.tcpPort("other"), "client"),
					"lf")) {
				assertThat(trusted.request("PING")).isEqualTo("PONG");
			}
			assertRefused(server.tcpPort("other"), null);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void eachProviderServesMutualTlsAndTheStartLineNamesIt(String provider, CapturedOutput output) throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", true));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.client-auth=need",
				"--tcp.server.ssl.provider=" + provider));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
				try (SSLSocket socket = certificates.connect(server.tcpPort(), "client", protocol);
						TcpTestClient client = TcpTestClient.over(socket, "lf")) {
					assertThat(client.request("WHOAMI")).endsWith(" CN=trusted-client");
					assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
				}
			}
			assertRefused(server.tcpPort(), "stranger");
			ActuatorClient actuator = server.actuator();
			await().until(() -> actuator.count("tcp.server.tls.handshake", "outcome:success", "protocol:TLSv1.3") == 1);
			assertThat(output.toString()).contains("(codec lf, tls " + provider + ", transport");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void aTls12ClientThatRenegotiatesIsClosedAndItsConnectionCountsOneHandshake(String provider) throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.provider=" + provider));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new));
				SSLSocket socket = certificates.connect(server.tcpPort(), null, "TLSv1.2");
				TcpTestClient client = TcpTestClient.over(socket, "lf")) {
			AtomicInteger renegotiations = new AtomicInteger();
			socket.addHandshakeCompletedListener((handshake) -> renegotiations.incrementAndGet());
			assertThat(client.request("PING")).isEqualTo("PONG");
			socket.startHandshake(); // a TLS 1.2 client asks for a new handshake on the same connection
			assertThatException().isThrownBy(() -> client.request("PING")).isInstanceOf(IOException.class);
			assertThat(renegotiations).hasValue(0);
			ActuatorClient actuator = server.actuator();
			await().until(() -> actuator.count("tcp.server.errors", "type:tls") == 1);
			assertThat(actuator.count("tcp.server.tls.handshake")).isEqualTo(1);
			assertThat(actuator.count("tcp.server.connections.closed", "cause:tls-error")).isEqualTo(1);
		}
	}

	@Test
	void autoIsTheJdkWhichKeepsTheReplyGuaranteeForHalfClosingClients(CapturedOutput output) {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.add("--tcp.server.ssl.bundle=tcp");
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new))) {
			assertThat(output.toString()).contains("tls jdk, transport");
		}
	}

	@Test
	void withOpenSslAHalfClosingClientLosesTheRepliesStillOwedAndTheyAreCountedAbandoned() throws Exception {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.ssl.bundle=tcp", "--tcp.server.ssl.provider=openssl"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new));
				TcpTestClient client = TcpTestClient.over(certificates.connect(server.tcpPort(), null), "lf")) {
			for (int i = 0; i < 200; i++) {
				client.send("ECHO " + i);
			}
			client.shutdownOutput();
			long answered = client.readUntilClosed().lines().count();
			ActuatorClient actuator = server.actuator();
			await().untilAsserted(() -> {
				assertThat(actuator.count("tcp.server.messages.received")).isEqualTo(200);
				assertThat(actuator.count("tcp.server.messages.sent") + actuator.count("tcp.server.messages.abandoned"))
					.isEqualTo(200);
			});
			assertThat(answered).isLessThanOrEqualTo((long) actuator.count("tcp.server.messages.sent"));
		}
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
