package io.tcpgateway.observability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.FailingCommand;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tcp.server.* meters count exactly what happened, read over real HTTP. One server: the
 * default listener allows two connections, and each other case counts on a listener of its own.
 */
class MetricsTests {

	static final List<String> CONVERSATION = List.of("PING", "ECHO hello", "nope", "FAIL");

	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(() -> {
		List<String> args = new ArrayList<>(List.of("--tcp.server.max-connections=2"));
		args.addAll(NamedListener.args("counted", "max-connections=0"));
		args.addAll(NamedListener.args("limits", "max-connections=0", "max-message-size=10", "idle-timeout=500ms"));
		return RunningServer.start(new Class<?>[] { FailingCommand.class }, args.toArray(String[]::new));
	});

	@Test
	void everyMeterCountsExactlyWhatClientsDid() throws Exception {
		int connections = 5;
		int toClose = 2;
		ActuatorClient actuator = server.get().actuator();
		int listenerPort = server.get().tcpPort("counted");
		String port = "port:" + listenerPort;
		List<TcpTestClient> clients = new ArrayList<>();
		long bytesIn = 0;
		long bytesOut = 0;
		for (int c = 0; c < connections; c++) {
			TcpTestClient client = TcpTestClient.connect(listenerPort);
			clients.add(client);
			for (String request : CONVERSATION) {
				String reply = client.request(request);
				bytesIn += (request + "\r\n").getBytes(StandardCharsets.UTF_8).length;
				bytesOut += (reply + "\r\n").getBytes(StandardCharsets.UTF_8).length;
			}
		}
		for (int c = 0; c < toClose; c++) {
			clients.get(c).close();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.count("tcp.server.connections.closed", port) == toClose);

		int messages = connections * CONVERSATION.size();
		assertThat(actuator.metric("tcp.server.connections.active", "VALUE", port))
			.isEqualTo(connections - toClose);
		assertThat(actuator.count("tcp.server.connections.opened", port)).isEqualTo(connections);
		assertThat(actuator.count("tcp.server.connection.duration", port)).isEqualTo(toClose);
		assertThat(actuator.count("tcp.server.connections.rejected", port)).isZero();
		assertThat(actuator.count("tcp.server.messages.received", port)).isEqualTo(messages);
		assertThat(actuator.count("tcp.server.messages.sent", port)).isEqualTo(messages);
		assertThat(actuator.count("tcp.server.data.received", port)).isEqualTo(bytesIn);
		assertThat(actuator.count("tcp.server.data.sent", port)).isEqualTo(bytesOut);
		assertThat(actuator.count("tcp.server.request.duration", port)).isEqualTo(messages);
		assertThat(actuator.count("tcp.server.request.duration", port, "command:PING", "outcome:ok"))
			.isEqualTo(connections);
		assertThat(actuator.count("tcp.server.request.duration", port, "command:ECHO")).isEqualTo(connections);
		assertThat(actuator.count("tcp.server.request.duration", port, "command:unknown"))
			.isEqualTo(connections);
		assertThat(actuator.count("tcp.server.request.duration", port, "command:FAIL", "outcome:error"))
			.isEqualTo(connections);
		assertThat(actuator.count("tcp.server.errors", port, "type:service")).isEqualTo(connections);
		assertThat(actuator.count("tcp.server.errors", port))
			.as("a normal client close is not an error").isEqualTo(connections);

		String prometheus = actuator.get("prometheus").body();
		String tags = "listener=\"counted\",port=\"" + listenerPort + "\"";
		assertThat(prometheus).contains("tcp_server_connections_active{" + tags + "} 3.0",
				"tcp_server_connections_opened_total{" + tags + "} 5.0",
				"tcp_server_connections_closed_total{cause=\"client-close\"," + tags + "} 2.0",
				"tcp_server_listener_up{" + tags + "} 1.0",
				"tcp_server_connections_rejected_total{" + tags + ",reason=\"max-connections\"} 0.0",
				"tcp_server_connection_duration_seconds_count{" + tags + "} 2",
				"tcp_server_messages_received_total{" + tags + "} 20.0",
				"tcp_server_messages_sent_total{" + tags + "} 20.0",
				"tcp_server_data_received_bytes_total{" + tags + "} " + bytesIn + ".0",
				"tcp_server_data_sent_bytes_total{" + tags + "} " + bytesOut + ".0",
				"tcp_server_request_duration_seconds_bucket{command=\"PING\",listener=\"counted\",outcome=\"ok\","
						+ "port=\"" + listenerPort + "\",le=\"+Inf\"} 5",
				"tcp_server_errors_total{" + tags + ",type=\"service\"} 5.0",
				"tcp_server_errors_total{" + tags + ",type=\"oversized\"} 0.0");
		assertThat(prometheus).doesNotContain("127.0.0.1");
		// Spring Integration's own per-message timers are off: the tcp.server.* meters time requests
		assertThat(prometheus).doesNotContain("spring_integration_");
		for (TcpTestClient client : clients) {
			client.close();
		}
	}

	@Test
	void oversizedMessagesAndIdleConnectionsAreCountedAsErrors() throws Exception {
		ActuatorClient actuator = server.get().actuator();
		String port = "port:" + server.get().tcpPort("limits");
		try (TcpTestClient oversized = TcpTestClient.connect(server.get().tcpPort("limits"));
				TcpTestClient idle = TcpTestClient.connect(server.get().tcpPort("limits"))) {
			assertThat(oversized.request("ECHO 0123456789")).isEqualTo("ERR message too long (max 10 bytes)");
			await().atMost(Duration.ofSeconds(10)).until(idle::isClosedByServer);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.count("tcp.server.connections.closed", port) == 2);
		assertThat(actuator.count("tcp.server.errors", port, "type:oversized")).isEqualTo(1);
		assertThat(actuator.count("tcp.server.errors", port, "type:timeout")).isEqualTo(1);
		assertThat(actuator.count("tcp.server.errors", port)).isEqualTo(2);
	}

	@Test
	void aConnectionOverTheLimitIsToldTheServerIsBusyAndCountedAsRejected() throws Exception {
		ActuatorClient actuator = server.get().actuator();
		String port = "port:" + server.get().tcpPort();
		try (TcpTestClient first = TcpTestClient.connect(server.get().tcpPort());
				TcpTestClient second = TcpTestClient.connect(server.get().tcpPort())) {
			assertThat(first.request("PING")).isEqualTo("PONG");
			assertThat(second.request("PING")).isEqualTo("PONG");
			try (TcpTestClient third = TcpTestClient.connect(server.get().tcpPort())) {
				assertThat(third.receive()).isEqualTo("ERR server busy");
				assertThat(third.isClosedByServer()).isTrue();
			}
			assertThat(first.request("PING")).isEqualTo("PONG");
			assertThat(actuator.count("tcp.server.connections.rejected", port, "reason:max-connections"))
				.isEqualTo(1);
			assertThat(actuator.count("tcp.server.connections.opened", port)).isEqualTo(2);
			assertThat(actuator.json("health").at("/components/tcpServer/details/maxConnections").asInt())
				.isEqualTo(2);
		}
	}

}
