package io.tcpgateway.observability;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Server push over HTTP, over real HTTP and real sockets: a client logs in, an operator pushes to
 * its key or its connection id, and the client reads the frame between its replies; what may
 * not be pushed (a payload over the listener's max-message-size, a listener that takes no pushes
 * over HTTP, a body without a payload) is refused before anything reaches the client; a push a
 * client that reads nothing cannot take yet is answered pending; with
 * access at its default the pushes are not mapped at all; the sessions endpoint lists the keys a
 * page at a time.
 */
class HttpPushTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static RunningServer server;

	static ActuatorClient actuator;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--management.endpoint.tcpsessions.access=unrestricted",
				"--management.endpoint.tcpconnections.access=unrestricted", "--tcp.server.listeners.binary.port=0",
				"--tcp.server.listeners.binary.codec=length-header-2",
				"--tcp.server.listeners.binary.max-message-size=64", "--tcp.server.listeners.internal.port=0",
				"--tcp.server.listeners.internal.http-push=false");
		actuator = server.actuator();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	@Test
	void everyResponseEndsItsConnectionSoAPostAfterAGetIsNeverLeftUnanswered() throws Exception {
		for (int round = 0; round < 50; round++) {
			HttpResponse<String> listed = actuator.get("tcpsessions");
			assertThat(listed.headers().firstValue("connection")).as("round %d", round).hasValue("close");
			HttpResponse<String> pushed = actuator.post("tcpsessions/nobody", "{\"text\": \"x\"}");
			assertThat(pushed.statusCode()).as("round %d", round).isEqualTo(404);
		}
	}

	@Test
	void aTextPushedToASessionKeyArrivesBetweenTheClientsReplies() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:4004")).isEqualTo("OK imei:4004");
			double written = actuator.count("tcp.server.messages.pushed", "listener:default", "outcome:written");

			HttpResponse<String> pushed = actuator.post("tcpsessions/imei:4004", "{\"text\": \"REBOOT at 5\"}");

			assertThat(pushed.statusCode()).isEqualTo(200);
			assertThat(body(pushed).at("/outcome").asString()).isEqualTo("written");
			assertThat(device.receive()).isEqualTo("REBOOT at 5");
			assertThat(device.request("PING")).isEqualTo("PONG");
			assertThat(actuator.count("tcp.server.messages.pushed", "listener:default", "outcome:written"))
				.isEqualTo(written + 1);
		}
	}

	@Test
	void bytesPushedToAConnectionIdArriveExactlyInTheListenersFraming() throws Exception {
		try (TcpTestClient terminal = TcpTestClient.connect(server.tcpPort("binary"), "length-header-2")) {
			assertThat(terminal.request("PING")).isEqualTo("PONG");
			String id = actuator.json("tcpconnections?listener=binary").at("/connections/0/id").asString();
			byte[] command = { 0x00, 0x01, (byte) 0xFF, 0x0A, 0x0D };

			HttpResponse<String> pushed = actuator.post("tcpconnections/" + id,
					"{\"base64\": \"" + Base64.getEncoder().encodeToString(command) + "\"}");

			assertThat(pushed.statusCode()).isEqualTo(200);
			assertThat(body(pushed).at("/outcome").asString()).isEqualTo("written");
			assertThat(terminal.receiveRaw(7)).containsExactly(0x00, 0x05, 0x00, 0x01, 0xFF, 0x0A, 0x0D);
			assertThat(terminal.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aKeyOrIdWithNoConnectionIsNotConnectedAndCountedWithNoListener() throws Exception {
		double before = actuator.count("tcp.server.messages.pushed", "listener:none", "outcome:not-connected");

		HttpResponse<String> byKey = actuator.post("tcpsessions/nobody", "{\"text\": \"x\"}");
		HttpResponse<String> byId = actuator.post("tcpconnections/no-such-id", "{\"text\": \"x\"}");

		assertThat(byKey.statusCode()).isEqualTo(404);
		assertThat(body(byKey).at("/outcome").asString()).isEqualTo("not-connected");
		assertThat(byId.statusCode()).isEqualTo(404);
		assertThat(body(byId).at("/outcome").asString()).isEqualTo("not-connected");
		assertThat(actuator.count("tcp.server.messages.pushed", "listener:none", "outcome:not-connected"))
			.isEqualTo(before + 2);
	}

	@Test
	void aPayloadOverTheListenersMaxMessageSizeIsRefusedWith413AndNothingIsPushed() throws Exception {
		try (TcpTestClient terminal = TcpTestClient.connect(server.tcpPort("binary"), "length-header-2")) {
			assertThat(terminal.request("LOGIN terminal-413")).isEqualTo("OK terminal-413");
			double pushedBefore = actuator.count("tcp.server.messages.pushed", "listener:binary");

			HttpResponse<String> bytes = actuator.post("tcpsessions/terminal-413",
					"{\"base64\": \"" + Base64.getEncoder().encodeToString(new byte[65]) + "\"}");
			// 33 characters, 66 bytes in the listener's UTF-8: the limit is on bytes
			HttpResponse<String> text = actuator.post("tcpsessions/terminal-413", "{\"text\": \"" + "é".repeat(33) + "\"}");

			assertThat(bytes.statusCode()).isEqualTo(413);
			assertThat(body(bytes).at("/error").asString()).contains("65 bytes", "max-message-size of 64");
			assertThat(text.statusCode()).isEqualTo(413);
			assertThat(body(text).at("/error").asString()).contains("66 bytes");
			assertThat(terminal.request("PING")).as("no frame before the reply").isEqualTo("PONG");
			assertThat(actuator.count("tcp.server.messages.pushed", "listener:binary")).isEqualTo(pushedBefore);

			HttpResponse<String> fits = actuator.post("tcpsessions/terminal-413", "{\"text\": \"" + "x".repeat(64) + "\"}");
			assertThat(fits.statusCode()).isEqualTo(200);
			assertThat(terminal.receive()).isEqualTo("x".repeat(64));
		}
	}

	@Test
	void aListenerThatTakesNoPushesOverHttpIsRefusedWith403SayingWhy() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort("internal"))) {
			assertThat(device.request("LOGIN plc-403")).isEqualTo("OK plc-403");
			String id = actuator.json("tcpconnections?listener=internal").at("/connections/0/id").asString();

			HttpResponse<String> byKey = actuator.post("tcpsessions/plc-403", "{\"text\": \"STOP\"}");
			HttpResponse<String> byId = actuator.post("tcpconnections/" + id, "{\"text\": \"STOP\"}");

			for (HttpResponse<String> refused : List.of(byKey, byId)) {
				assertThat(refused.statusCode()).isEqualTo(403);
				assertThat(body(refused).at("/error").asString())
					.contains("listener internal", "tcp.server.listeners.internal.http-push=false");
			}
			assertThat(device.request("PING")).as("no frame before the reply").isEqualTo("PONG");
			assertThat(actuator.count("tcp.server.messages.pushed", "listener:internal")).isZero();
		}
	}

	@Test
	void aPushTheSocketCannotTakeWhileTheClientReadsNothingIsAnsweredPending() throws Exception {
		try (Socket silent = new Socket()) {
			silent.setReceiveBufferSize(4096);
			silent.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
			silent.getOutputStream().write("LOGIN imei:4202\n".getBytes(StandardCharsets.US_ASCII));
			await().until(() -> actuator.json("tcpsessions").toString().contains("imei:4202"));
			String big = "{\"text\": \"" + "x".repeat(60_000) + "\"}";
			HttpResponse<String> answer = actuator.post("tcpsessions/imei:4202", big);
			for (int i = 0; i < 500 && answer.statusCode() == 200; i++) {
				answer = actuator.post("tcpsessions/imei:4202", big);
			}
			assertThat(answer.statusCode()).as("once the socket's buffers are full").isEqualTo(202);
			assertThat(body(answer).at("/outcome").asString()).isEqualTo("pending");
		}
	}

	@Test
	void aBodyWithoutExactlyOnePayloadIsABadRequest() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:4000")).isEqualTo("OK imei:4000");
			for (String bad : List.of("{}", "{\"text\": \"a\", \"base64\": \"YQ==\"}", "{\"base64\": \"not base64!\"}",
					"{\"payload\": \"a\"}")) {
				HttpResponse<String> refused = actuator.post("tcpsessions/imei:4000", bad);
				assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			}
			assertThat(device.request("PING")).as("no frame before the reply").isEqualTo("PONG");
		}
	}

	@Test
	void withAccessAtItsDefaultThePushesAreNotMappedAndTheSessionsAreListedAPageAtATime() throws Exception {
		List<TcpTestClient> devices = new ArrayList<>();
		try (RunningServer readOnly = RunningServer.start("--tcp.server.listeners.other.port=0")) {
			ActuatorClient http = readOnly.actuator();
			for (int i = 0; i < 25; i++) {
				TcpTestClient device = TcpTestClient.connect((i % 5 == 0) ? readOnly.tcpPort("other") : readOnly.tcpPort());
				devices.add(device);
				String key = String.format("dev-%02d", 24 - i);
				assertThat(device.request("LOGIN " + key)).isEqualTo("OK " + key);
			}

			assertThat(http.post("tcpsessions/dev-00", "{\"text\": \"x\"}").statusCode()).isEqualTo(404);
			String id = http.json("tcpconnections?limit=1").at("/connections/0/id").asString();
			assertThat(http.post("tcpconnections/" + id, "{\"text\": \"x\"}").statusCode()).isEqualTo(404);
			assertThat(devices.get(24).request("PING")).as("nothing was pushed").isEqualTo("PONG");

			List<String> keys = new ArrayList<>();
			for (int offset = 0; offset < 25; offset += 10) {
				JsonNode page = http.json("tcpsessions?limit=10&offset=" + offset);
				assertThat(page.at("/total").asInt()).isEqualTo(25);
				assertThat(page.at("/offset").asInt()).isEqualTo(offset);
				assertThat(page.at("/limit").asInt()).isEqualTo(10);
				assertThat(page.at("/count").asInt()).isEqualTo(Math.min(10, 25 - offset));
				for (JsonNode session : page.at("/sessions")) {
					keys.add(session.at("/key").asString());
				}
			}
			assertThat(keys).as("every key on exactly one page, in order")
				.isEqualTo(java.util.stream.IntStream.range(0, 25).mapToObj((i) -> String.format("dev-%02d", i)).toList());

			JsonNode first = http.json("tcpsessions").at("/sessions/0");
			assertThat(first.at("/key").asString()).isEqualTo("dev-00");
			assertThat(first.at("/listener").asString()).as("dev-00 is the 25th client, on the default listener")
				.isEqualTo("default");
			JsonNode otherListener = http.json("tcpsessions?offset=4&limit=1").at("/sessions/0");
			assertThat(otherListener.at("/key").asString()).isEqualTo("dev-04");
			assertThat(otherListener.at("/listener").asString()).isEqualTo("other");
			JsonNode itsConnection = http.json("tcpconnections?listener=other&limit=10000").at("/connections");
			List<String> otherIds = new ArrayList<>();
			itsConnection.forEach((connection) -> otherIds.add(connection.at("/id").asString()));
			assertThat(otherIds).contains(otherListener.at("/connectionId").asString());

			for (String bad : List.of("limit=-1", "limit=100000", "offset=-5", "limit=many")) {
				assertThat(http.get("tcpsessions?" + bad).statusCode()).as(bad).isEqualTo(400);
			}

			devices.get(24).close();
			await().untilAsserted(() -> assertThat(http.json("tcpsessions").at("/total").asInt()).isEqualTo(24));
		}
		finally {
			for (TcpTestClient device : devices) {
				device.close();
			}
		}
	}

}
