package io.tcpgateway.server;

import java.time.Duration;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The PROXY protocol header names the real client, which replaces the peer everywhere. */
class ProxyProtocolTests {

	static RunningServer server;

	static ActuatorClient actuator;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--tcp.server.proxy-protocol=v2", "--tcp.server.trusted-proxies=127.0.0.1",
				"--tcp.server.listeners.text.port=0", "--tcp.server.listeners.text.proxy-protocol=v1",
				"--tcp.server.listeners.either.port=0", "--tcp.server.listeners.either.proxy-protocol=optional",
				"--tcp.server.listeners.guarded.port=0", "--tcp.server.listeners.guarded.proxy-protocol=v1",
				"--tcp.server.listeners.guarded.allowed-clients=203.0.113.0/24");
		actuator = server.actuator();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static JsonNode connectionFrom(String address, int port) throws Exception {
		for (JsonNode connection : actuator.json("tcpconnections").at("/connections")) {
			if (connection.at("/remoteAddress").asString().equals(address)
					&& connection.at("/remotePort").asInt() == port) {
				return connection;
			}
		}
		return null;
	}

	@Test
	void aV2HeaderOverIpv4NamesTheClientInTheConnectionsEndpoint() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			client.sendRaw(ProxyHeaders.v2(false, "198.51.100.23", "10.0.0.5", 40123, new byte[0]));
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(connectionFrom("198.51.100.23", 40123)).isNotNull();
		}
	}

	@Test
	void aV2HeaderOverIpv6WithTlvsSentByteByByteIsUnderstood() throws Exception {
		byte[] tlvs = { 0x04, 0x00, 0x03, 1, 2, 3, 0x01, 0x00, 0x02, 'h', '2' };
		byte[] header = ProxyHeaders.v2(false, "2001:db8::17", "2001:db8::1", 50999, tlvs);
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			// one write per byte (no Nagle); ProxyHeaderHandlerTests pins the byte-by-byte case exactly
			for (byte b : header) {
				client.sendRaw(new byte[] { b });
			}
			assertThat(client.request("ECHO six")).isEqualTo("six");
			assertThat(connectionFrom("2001:db8:0:0:0:0:0:17", 50999)).isNotNull();
		}
	}

	@Test
	void aLocalV2HeaderKeepsThePeerAddress() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			client.sendRaw(ProxyHeaders.v2(true, "0.0.0.0", "0.0.0.0", 0, new byte[0]));
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(connectionFrom("127.0.0.1", client.socket().getLocalPort())).isNotNull();
		}
	}

	@Test
	void aV1HeaderInTheSameSegmentAsTheFirstRequest() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort("text"))) {
			client.sendRaw(ProxyHeaders.concat(ProxyHeaders.v1("TCP4", "192.0.2.44", "10.0.0.1", 61000), "PING\r\n".getBytes()));
			assertThat(client.receive()).isEqualTo("PONG");
			assertThat(connectionFrom("192.0.2.44", 61000)).isNotNull();
			// only the first bytes can be a header: a second one is just a request
			client.sendRaw(ProxyHeaders.v1("TCP6", "2001:db8::5", "2001:db8::1", 61001));
			assertThat(client.receive()).isEqualTo("ERR unknown command: PROXY");
			assertThat(connectionFrom("192.0.2.44", 61000)).isNotNull();
		}
	}

	@Test
	void garbageOrAMissingOrWrongVersionHeaderIsRefusedAndCounted() throws Exception {
		String text = "port:" + server.tcpPort("text");
		String binary = "port:" + server.tcpPort();
		double textBefore = actuator.count("tcp.server.connections.rejected", text, "reason:proxy-protocol");
		double binaryBefore = actuator.count("tcp.server.connections.rejected", binary, "reason:proxy-protocol");
		try (TcpTestClient noHeader = TcpTestClient.connect(server.tcpPort("text"))) {
			noHeader.send("PING");
			assertThat(noHeader.isClosedByServer()).isTrue();
		}
		try (TcpTestClient garbage = TcpTestClient.connect(server.tcpPort())) {
			garbage.sendRaw(ProxyHeaders.concat(ProxyHeaders.V2_SIGNATURE, new byte[] { 0x7F, 0x7F, 0x00, 0x01, 0x00 }));
			assertThat(garbage.isClosedByServer()).isTrue();
		}
		try (TcpTestClient wrongVersion = TcpTestClient.connect(server.tcpPort())) {
			wrongVersion.sendRaw(ProxyHeaders.v1("TCP4", "192.0.2.1", "10.0.0.1", 1234));
			assertThat(wrongVersion.isClosedByServer()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(actuator.count("tcp.server.connections.rejected", text, "reason:proxy-protocol"))
				.isEqualTo(textBefore + 1);
			assertThat(actuator.count("tcp.server.connections.rejected", binary, "reason:proxy-protocol"))
				.isEqualTo(binaryBefore + 2);
		});
		try (TcpTestClient fine = TcpTestClient.connect(server.tcpPort())) {
			fine.sendRaw(ProxyHeaders.v2(false, "198.51.100.1", "10.0.0.5", 1000, new byte[0]));
			assertThat(fine.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void optionalAcceptsEitherVersionOrNone() throws Exception {
		try (TcpTestClient plain = TcpTestClient.connect(server.tcpPort("either"))) {
			assertThat(plain.request("PING")).isEqualTo("PONG");
			assertThat(connectionFrom("127.0.0.1", plain.socket().getLocalPort())).isNotNull();
		}
		try (TcpTestClient text = TcpTestClient.connect(server.tcpPort("either"))) {
			text.sendRaw(ProxyHeaders.v1("TCP4", "192.0.2.9", "10.0.0.1", 4000));
			assertThat(text.request("PING")).isEqualTo("PONG");
			assertThat(connectionFrom("192.0.2.9", 4000)).isNotNull();
		}
		try (TcpTestClient binary = TcpTestClient.connect(server.tcpPort("either"))) {
			binary.sendRaw(ProxyHeaders.v2(false, "192.0.2.10", "10.0.0.1", 4001, new byte[0]));
			assertThat(binary.request("PING")).isEqualTo("PONG");
			assertThat(connectionFrom("192.0.2.10", 4001)).isNotNull();
		}
	}

	@Test
	void theAllowListChecksTheRealClientNotTheProxy() throws Exception {
		String guarded = "port:" + server.tcpPort("guarded");
		try (TcpTestClient allowed = TcpTestClient.connect(server.tcpPort("guarded"))) {
			allowed.sendRaw(ProxyHeaders.v1("TCP4", "203.0.113.7", "10.0.0.1", 5555));
			assertThat(allowed.request("PING")).isEqualTo("PONG");
		}
		try (TcpTestClient refused = TcpTestClient.connect(server.tcpPort("guarded"))) {
			refused.sendRaw(ProxyHeaders.v1("TCP4", "198.51.100.1", "10.0.0.1", 5556));
			assertThat(refused.isClosedByServer()).isTrue();
		}
		await().untilAsserted(() -> assertThat(
				actuator.count("tcp.server.connections.rejected", guarded, "reason:not-allowed"))
			.isEqualTo(1));
	}

}
