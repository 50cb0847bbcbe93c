package io.tcpgateway.server.admission;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener tracks at most {@code max-tracked-clients} clients for its per-client limits. An
 * attacker behind a trusted balancer holding a connection from each of that many IPv6 /64s
 * fills the table, and then locks out no one: new clients are served, untracked and counted.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrackedClientsTests {

	static final int TRACKED = 1024;

	static byte[] header(String source) {
		return ProxyHeaders.v1(source.contains(":") ? "TCP6" : "TCP4", source,
				source.contains(":") ? "2001:db8::1" : "192.0.2.1", 40000);
	}

	@Test
	void aTableFullOfClientsWithConnectionsOpenServesNewClientsUntrackedAndSaysSoOnce(CapturedOutput output)
			throws Exception {
		List<TcpTestClient> held = new ArrayList<>();
		try (RunningServer server = RunningServer.start("--tcp.server.proxy-protocol=v1",
				"--tcp.server.trusted-proxies=127.0.0.1", "--tcp.server.max-connections-per-client=2",
				"--tcp.server.max-tracked-clients=" + TRACKED)) {
			for (int n = 0; n < TRACKED; n++) {
				TcpTestClient client = TcpTestClient.connect(server.tcpPort());
				held.add(client);
				client.sendRaw(header("2001:db8:0:" + Integer.toHexString(n) + "::1"));
				assertThat(client.request("PING")).as("attacker connection %d", n).isEqualTo("PONG");
			}
			for (String newcomer : List.of("198.51.100.7", "198.51.100.8")) {
				try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
					client.sendRaw(header(newcomer));
					assertThat(client.request("PING")).as(newcomer).isEqualTo("PONG");
				}
			}
			ActuatorClient actuator = server.actuator();
			assertThat(actuator.count("tcp.server.clients.untracked")).isEqualTo(2);
			assertThat(actuator.count("tcp.server.connections.rejected")).isZero();
			assertThat(output.toString().lines().filter((line) -> line.contains("untracked")))
				.singleElement()
				.asString()
				.contains("WARN")
				.contains("198.51.100.7")
				.contains("max-tracked-clients " + TRACKED);
			try (TcpTestClient second = TcpTestClient.connect(server.tcpPort());
					TcpTestClient third = TcpTestClient.connect(server.tcpPort())) {
				second.sendRaw(header("2001:db8:0:7::2"));
				assertThat(second.request("PING")).as("a tracked client's second connection").isEqualTo("PONG");
				third.sendRaw(header("2001:db8:0:7::3"));
				assertThat(third.receive()).as("its third, over the per-client limit").isEqualTo("ERR server busy");
			}
		}
		finally {
			for (TcpTestClient client : held) {
				client.close();
			}
		}
	}

}
