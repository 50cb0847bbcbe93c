package io.tcpgateway.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health, info and the live connections endpoint, over real HTTP. The read-only checks share one
 * server (codec crlf, a second listener); stopping a listener and closing a connection over HTTP
 * each start their own.
 */
class ActuatorEndpointsTests {

	@RegisterExtension
	static final SharedServer server = SharedServer.of("--tcp.server.codec=crlf",
			"--tcp.server.listeners.other.port=0");

	@Test
	void healthIsUpWhileListeningAndDownOnceTheListenerStops() throws Exception {
		try (RunningServer own = RunningServer.start()) {
			ActuatorClient actuator = own.actuator();
			JsonNode tcp = actuator.json("health").at("/components/tcpServer");
			assertThat(tcp.at("/status").asString()).isEqualTo("UP");
			assertThat(tcp.at("/details/port").asInt()).isEqualTo(own.tcpPort());
			assertThat(tcp.at("/details/host").asString()).isEqualTo("0.0.0.0");
			assertThat(tcp.at("/details/codec").asString()).isEqualTo("lf");
			assertThat(tcp.at("/details/activeConnections").asInt()).isZero();
			assertThat(actuator.json("health/readiness").at("/components/tcpServer/status").asString()).isEqualTo("UP");
			assertThat(actuator.get("health/liveness").statusCode()).isEqualTo(200);

			own.context().getBean(TcpInboundGateway.class).stop();

			assertThat(actuator.json("health").at("/components/tcpServer/status").asString()).isEqualTo("DOWN");
			assertThat(actuator.get("health/readiness").statusCode()).isEqualTo(503);
			assertThat(actuator.get("health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void infoShowsTheBuildVersionAndTheListener() throws Exception {
		JsonNode info = server.get().actuator().json("info");
		assertThat(info.at("/build/version").asString()).isNotBlank();
		assertThat(info.at("/tcpServer/port").asInt()).isEqualTo(server.get().tcpPort());
		assertThat(info.at("/tcpServer/codec").asString()).isEqualTo("crlf");
	}

	@Test
	void onlyTheDocumentedEndpointsAreExposed() throws Exception {
		JsonNode links = server.get().actuator().json("").at("/_links");
		assertThat(links.propertyNames()).contains("health", "info", "metrics", "prometheus", "tcpconnections", "tcpsessions")
			.doesNotContain("env", "beans", "configprops", "loggers", "heapdump", "threaddump", "shutdown");
	}

	@Test
	void theConnectionsEndpointListsAndClosesARealConnection() throws Exception {
		try (RunningServer unrestricted = RunningServer
			.start("--management.endpoint.tcpconnections.access=unrestricted");
				TcpTestClient client = TcpTestClient.connect(unrestricted.tcpPort())) {
			ActuatorClient actuator = unrestricted.actuator();
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(client.request("ECHO abc")).isEqualTo("abc");

			JsonNode listed = actuator.json("tcpconnections");
			assertThat(listed.at("/count").asInt()).isEqualTo(1);
			JsonNode connection = listed.at("/connections/0");
			assertThat(connection.at("/remoteAddress").asString()).isEqualTo("127.0.0.1");
			assertThat(connection.at("/remotePort").asInt()).isEqualTo(client.socket().getLocalPort());
			assertThat(connection.at("/listener").asString()).isEqualTo("default");
			assertThat(connection.at("/messagesIn").asLong()).isEqualTo(2);
			assertThat(connection.at("/messagesOut").asLong()).isEqualTo(2);
			assertThat(connection.at("/bytesIn").asLong()).isEqualTo("PING\r\nECHO abc\r\n".length());
			assertThat(connection.at("/bytesOut").asLong()).isEqualTo("PONG\r\nabc\r\n".length());
			assertThat(connection.at("/openedAt").asString()).isNotBlank();
			assertThat(connection.at("/lastActivity").asString()).isNotBlank();

			String id = connection.at("/id").asString();
			assertThat(actuator.delete("tcpconnections/" + id).statusCode()).isEqualTo(200);
			assertThat(client.isClosedByServer()).isTrue();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(actuator.json("tcpconnections").at("/count").asInt()).isZero();
				assertThat(actuator.count("tcp.server.connections.closed", "port:" + unrestricted.tcpPort()))
					.isEqualTo(1);
			});
			assertThat(actuator.delete("tcpconnections/" + id).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void closingAConnectionIsRefusedUnlessTheOperatorOptsIn() throws Exception {
		ActuatorClient actuator = server.get().actuator();
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort())) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			String id = actuator.json("tcpconnections").at("/connections/0/id").asString();
			// read-only access: the delete operation is not mapped at all
			assertThat(actuator.delete("tcpconnections/" + id).statusCode()).isEqualTo(404);
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(actuator.json("tcpconnections").at("/count").asInt()).isEqualTo(1);
		}
		awaitNoConnectionListed(actuator);
	}

	@Test
	void theConnectionsEndpointPagesFiltersAndCountsManyConnections() throws Exception {
		List<TcpTestClient> clients = new ArrayList<>();
		ActuatorClient actuator = server.get().actuator();
		try {
			for (int i = 0; i < 250; i++) {
				clients.add(TcpTestClient.connect(server.get().tcpPort()));
			}
			for (int i = 0; i < 3; i++) {
				clients.add(TcpTestClient.connectFrom("127.0.0.2", server.get().tcpPort("other")));
			}
			for (TcpTestClient client : clients) {
				assertThat(client.request("PING")).isEqualTo("PONG");
			}

			JsonNode first = actuator.json("tcpconnections");
			assertThat(first.at("/total").asInt()).isEqualTo(253);
			assertThat(first.at("/matched").asInt()).isEqualTo(253);
			assertThat(first.at("/limit").asInt()).as("the default page").isEqualTo(100);
			assertThat(first.at("/count").asInt()).isEqualTo(100);
			Set<String> ids = new HashSet<>();
			Instant previous = Instant.MIN;
			for (int offset = 0; offset < 253; offset += 100) {
				JsonNode page = actuator.json("tcpconnections?limit=100&offset=" + offset);
				assertThat(page.at("/count").asInt()).isEqualTo(Math.min(100, 253 - offset));
				for (JsonNode connection : page.at("/connections")) {
					ids.add(connection.at("/id").asString());
					Instant opened = Instant.parse(connection.at("/openedAt").asString());
					assertThat(opened).as("oldest first").isAfterOrEqualTo(previous);
					previous = opened;
				}
			}
			assertThat(ids).as("every connection on exactly one page").hasSize(253);

			JsonNode other = actuator.json("tcpconnections?listener=other");
			assertThat(other.at("/total").asInt()).isEqualTo(253);
			assertThat(other.at("/matched").asInt()).isEqualTo(3);
			assertThat(other.at("/connections/0/remoteAddress").asString()).isEqualTo("127.0.0.2");
			assertThat(actuator.json("tcpconnections?client=127.0.0.2").at("/matched").asInt()).isEqualTo(3);
			assertThat(actuator.json("tcpconnections?client=127.0.0.0/31&listener=default&limit=0").at("/matched")
				.asInt()).isEqualTo(250);
			assertThat(actuator.json("tcpconnections?client=10.0.0.0/8").at("/matched").asInt()).isZero();

			for (String bad : List.of("limit=-1", "limit=100000", "offset=-5", "listener=nope", "client=not-an-ip",
					"limit=many")) {
				assertThat(actuator.get("tcpconnections?" + bad).statusCode()).as(bad).isEqualTo(400);
			}
			assertThat(clients.get(0).request("PING")).as("nothing was disturbed").isEqualTo("PONG");
		}
		finally {
			for (TcpTestClient client : clients) {
				client.close();
			}
		}
		awaitNoConnectionListed(actuator);
	}

	/** The tests on the shared server count every connection it lists: each leaves none behind. */
	private static void awaitNoConnectionListed(ActuatorClient actuator) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.json("tcpconnections").at("/total").asInt() == 0);
	}

}
