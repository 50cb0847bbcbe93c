package io.tcpgateway.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Listeners under tcp.server.listeners run beside the default one, each with its own settings. */
class MultipleListenersTests {

	@TempDir
	Path dir;

	@Test
	void plaintextLinesAndTlsLengthHeaderAtOnceWithHealthMetricsAndConnectionsForEach() throws Exception {
		TestCertificates certificates = TestCertificates.create(this.dir);
		List<String> args = new ArrayList<>(certificates.bundleArgs("secure", false));
		args.addAll(List.of("--tcp.server.max-message-size=2048", "--tcp.server.listeners.secure.port=0",
				"--tcp.server.listeners.secure.codec=length-header-4", "--tcp.server.listeners.secure.ssl.bundle=secure",
				"--tcp.server.listeners.secure.max-connections=5"));
		try (RunningServer server = RunningServer.start(args.toArray(String[]::new));
				TcpTestClient plain = TcpTestClient.connect(server.tcpPort());
				TcpTestClient secure = TcpTestClient
					.over(certificates.connect(server.tcpPort("secure"), null), "length-header-4")) {
			assertThat(plain.request("PING")).isEqualTo("PONG");
			assertThat(secure.request("ECHO over tls")).isEqualTo("over tls");
			ActuatorClient actuator = server.actuator();
			List<String> listeners = new ArrayList<>();
			actuator.json("tcpconnections").at("/connections").forEach((c) -> listeners.add(c.at("/listener").asString()));
			assertThat(listeners).containsExactlyInAnyOrder("default", "secure");
			// an oversized frame is answered, then its connection closes
			assertThat(secure.request("ECHO " + "x".repeat(2044))).isEqualTo("ERR message too long (max 2048 bytes)");

			JsonNode health = actuator.json("health").at("/components/tcpServer");
			assertThat(health.at("/status").asString()).isEqualTo("UP");
			assertThat(health.at("/details/listeners/default/port").asInt()).isEqualTo(server.tcpPort());
			assertThat(health.at("/details/listeners/secure/port").asInt()).isEqualTo(server.tcpPort("secure"));
			assertThat(health.at("/details/listeners/secure/codec").asString()).isEqualTo("length-header-4");
			assertThat(health.at("/details/listeners/secure/maxConnections").asInt()).isEqualTo(5);
			assertThat(actuator.count("tcp.server.messages.received", "listener:default")).isEqualTo(1);
			// the oversized frame is answered too, so it counts as a request: received = sent
			assertThat(actuator.count("tcp.server.messages.received", "listener:secure")).isEqualTo(2);
			assertThat(actuator.count("tcp.server.errors", "listener:secure", "type:oversized")).isEqualTo(1);
			assertThat(actuator.json("info").at("/tcpServer/listeners/secure/tls").asBoolean()).isTrue();
		}
	}

}
