package io.tcpgateway.server.session;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.gateway.PushMessageHandler;
import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.PollableChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions and server push over real sockets: a client logs in with a key, frames pushed to the
 * key (from Java and from Spring Integration) arrive between its replies; a reconnect with the
 * same key replaces the old connection; a client that reads nothing has its pushes refused past
 * the bound; a binary push on a length-header listener arrives exactly.
 */
class SessionsAndPushTests {

	static RunningServer server;

	static TcpPush push;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--tcp.server.max-pending-pushes=4", "--tcp.server.listeners.binary.port=0",
				"--tcp.server.listeners.binary.codec=length-header-2");
		push = server.context().getBean(TcpPush.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static PushOutcome outcome(CompletableFuture<PushOutcome> pushed) throws Exception {
		return pushed.get(10, TimeUnit.SECONDS);
	}

	@Test
	void aFramePushedToASessionKeyArrivesBetweenRepliesFromJavaAndFromSpringIntegration() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:1001")).isEqualTo("OK imei:1001");
			assertThat(outcome(push.toSession("imei:1001", "REBOOT at 5").toCompletableFuture()))
				.isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receive()).isEqualTo("REBOOT at 5");
			assertThat(device.request("PING")).isEqualTo("PONG");
			MessageChannel channel = server.context().getBean("tcpPushChannel", MessageChannel.class);
			PollableChannel outcomes = new org.springframework.integration.channel.QueueChannel();
			channel.send(MessageBuilder.withPayload("LOCATE")
				.setHeader(PushMessageHandler.SESSION_HEADER, "imei:1001")
				.setReplyChannel(outcomes)
				.build());
			assertThat(device.receive()).isEqualTo("LOCATE");
			assertThat(outcomes.receive(10_000).getPayload()).isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.request("WHOAMI")).endsWith(" session=imei:1001");
		}
	}

	@Test
	void aReconnectWithTheSameKeyReplacesTheOldConnectionAndThePushFollowsIt() throws Exception {
		ActuatorClient actuator = server.actuator();
		try (TcpTestClient old = TcpTestClient.connect(server.tcpPort());
				TcpTestClient again = TcpTestClient.connect(server.tcpPort())) {
			assertThat(old.request("LOGIN imei:2002")).isEqualTo("OK imei:2002");
			double replacedBefore = actuator.count("tcp.server.connections.closed", "cause:replaced");
			assertThat(again.request("LOGIN imei:2002")).isEqualTo("OK imei:2002");
			assertThat(old.isClosedByServer()).isTrue();
			await().untilAsserted(() -> assertThat(actuator.count("tcp.server.connections.closed", "cause:replaced"))
				.isEqualTo(replacedBefore + 1));
			assertThat(outcome(push.toSession("imei:2002", "HELLO AGAIN").toCompletableFuture()))
				.isEqualTo(PushOutcome.WRITTEN);
			assertThat(again.receive()).isEqualTo("HELLO AGAIN");
		}
		await().untilAsserted(() -> assertThat(outcome(push.toSession("imei:2002", "gone").toCompletableFuture()))
			.as("a key whose connection closed").isEqualTo(PushOutcome.NOT_CONNECTED));
	}

	@Test
	void aClientThatReadsNothingHasItsPushesRefusedPastTheBound() throws Exception {
		try (Socket silent = new Socket("127.0.0.1", server.tcpPort())) {
			silent.setReceiveBufferSize(4096);
			silent.getOutputStream().write("LOGIN imei:3003\n".getBytes(StandardCharsets.US_ASCII));
			String big = "x".repeat(60_000);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> outcome(push.toSession("imei:3003", big).toCompletableFuture()) != PushOutcome.NOT_CONNECTED);
			int refused = 0;
			for (int i = 0; i < 500 && refused == 0; i++) {
				PushOutcome outcome = push.toSession("imei:3003", big).toCompletableFuture().getNow(null);
				if (outcome == PushOutcome.REFUSED) {
					refused++;
				}
			}
			assertThat(refused).as("a push past the bound of 4 pending is refused at once").isPositive();
		}
	}

	@Test
	void aBinaryPushOnALengthHeaderListenerArrivesExactly() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort("binary"), "length-header-2")) {
			assertThat(device.request("LOGIN terminal-7")).isEqualTo("OK terminal-7");
			byte[] command = { 0x00, 0x01, (byte) 0xFF, 0x0A, 0x0D };
			assertThat(outcome(push.toSession("terminal-7", command).toCompletableFuture())).isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receiveRaw(7)).containsExactly(0x00, 0x05, 0x00, 0x01, 0xFF, 0x0A, 0x0D);
		}
	}

	@Test
	void aPushToEveryConnectionOfAListenerCountsHowEachWent() throws Exception {
		try (TcpTestClient one = TcpTestClient.connect(server.tcpPort("binary"), "length-header-2");
				TcpTestClient two = TcpTestClient.connect(server.tcpPort("binary"), "length-header-2")) {
			assertThat(one.request("PING")).isEqualTo("PONG");
			assertThat(two.request("PING")).isEqualTo("PONG");
			Map<PushOutcome, Integer> outcomes = push.toListener("binary", Reply.Frame.text("ALL"))
				.toCompletableFuture()
				.get(10, TimeUnit.SECONDS);
			assertThat(outcomes).containsEntry(PushOutcome.WRITTEN, 2);
			assertThat(one.receive()).isEqualTo("ALL");
			assertThat(two.receive()).isEqualTo("ALL");
		}
	}

	@Test
	void anUnknownKeyOrIdIsNotConnectedAndCountedAsSuchWithNoListener() throws Exception {
		double before = server.actuator().count("tcp.server.messages.pushed", "outcome:not-connected", "listener:none");
		assertThat(outcome(push.toSession("nobody", "x").toCompletableFuture())).isEqualTo(PushOutcome.NOT_CONNECTED);
		assertThat(outcome(push.toConnection("no-such-id", "x").toCompletableFuture())).isEqualTo(PushOutcome.NOT_CONNECTED);
		assertThat(server.actuator().count("tcp.server.messages.pushed", "outcome:not-connected", "listener:none"))
			.isEqualTo(before + 2);
	}

	@Test
	void aKeyWithSpacesIsRefusedWithAReason() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			assertThat(client.request("LOGIN a b")).startsWith("ERR invalid session key");
			assertThat(client.request("LOGIN")).startsWith("ERR invalid session key");
		}
	}

}
