package io.tcpgateway.security;

import java.net.InetSocketAddress;
import java.util.List;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Only clients inside tcp.server.allowed-clients may connect. */
class CidrRangesTests {

	/** One server, a listener for each allow-list. */
	@RegisterExtension
	static final SharedServer server = SharedServer.of("--tcp.server.listeners.elsewhere.port=0",
			"--tcp.server.listeners.elsewhere.allowed-clients=10.0.0.0/8,2001:db8::/32",
			"--tcp.server.listeners.loopback.port=0",
			"--tcp.server.listeners.loopback.allowed-clients=10.0.0.0/8,127.0.0.0/8");

	static InetSocketAddress at(String address) {
		return new InetSocketAddress(address, 40000);
	}

	@Test
	void ipv4AndIpv6RangesAndSingleHostsMatch() {
		CidrRanges list = CidrRanges.of("tcp.server.allowed-clients",
				List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1"));
		assertThat(list.allows(at("10.200.3.4"))).isTrue();
		assertThat(list.allows(at("11.0.0.1"))).isFalse();
		assertThat(list.allows(at("192.168.1.7"))).isTrue();
		assertThat(list.allows(at("192.168.1.8"))).isFalse();
		assertThat(list.allows(at("2001:db8:1::5"))).isTrue();
		assertThat(list.allows(at("2001:db9::5"))).isFalse();
		assertThat(list.allows(at("::1"))).isTrue();
		assertThat(list.allows(at("127.0.0.1"))).isFalse();
	}

	@Test
	void anEmptyListAllowsEveryone() {
		assertThat(CidrRanges.of("p", List.of()).allows(at("203.0.113.9"))).isTrue();
	}

	@Test
	void aBadEntryNamesThePropertyAndTheExpectedForm() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CidrRanges.of("tcp.server.allowed-clients", List.of("10.0.0.0/33")))
			.withMessageContaining("tcp.server.allowed-clients has an invalid entry '10.0.0.0/33'")
			.withMessageContaining("expected CIDR ranges");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CidrRanges.of("tcp.server.allowed-clients", List.of("example.com")))
			.withMessageContaining("invalid entry 'example.com'");
	}

	@Test
	void aClientOutsideTheListIsClosedAtAcceptAndCounted() throws Exception {
		ActuatorClient actuator = server.get().actuator();
		try (TcpTestClient refused = TcpTestClient.connect(server.get().tcpPort("elsewhere"))) {
			assertThat(refused.isClosedByServer()).isTrue();
		}
		String port = "port:" + server.get().tcpPort("elsewhere");
		await().until(() -> actuator.count("tcp.server.connections.rejected", port, "reason:not-allowed") == 1);
		assertThat(actuator.count("tcp.server.connections.opened", port)).isZero();
	}

	@Test
	void aClientInsideTheListIsServed() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("loopback"))) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

}
