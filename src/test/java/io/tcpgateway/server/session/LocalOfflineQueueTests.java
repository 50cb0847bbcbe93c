package io.tcpgateway.server.session;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline queue of the local store, over real sockets: frames pushed to a key connected
 * nowhere wait (up to max-per-key) and come out in order right after the reply to the LOGIN that
 * binds the key again, before the reply to the request pipelined behind it; the queue's depth is
 * a meter; over HTTP such a push is refused while some listener takes no HTTP pushes. Requests run on worker threads here, so the LOGIN's reply travels back to the event
 * loop while the frames wait.
 */
class LocalOfflineQueueTests {

	static RunningServer server;

	static TcpPush push;

	@BeforeAll
	static void start() {
		server = RunningServer.start("--tcp.server.sessions.offline-queue.max-per-key=3",
				"--tcp.server.worker-threads=2", "--management.endpoint.tcpsessions.access=unrestricted",
				"--tcp.server.listeners.panel.port=0", "--tcp.server.listeners.panel.http-push=false");
		push = server.context().getBean(TcpPush.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static PushOutcome pushed(String key, String text) throws Exception {
		return push.toSession(key, text).toCompletableFuture().get(10, TimeUnit.SECONDS);
	}

	@Test
	void framesForAKeyConnectedNowhereComeOutInOrderRightAfterTheLoginThatBindsIt() throws Exception {
		assertThat(pushed("imei:7", "first")).isEqualTo(PushOutcome.QUEUED);
		assertThat(pushed("imei:7", "second")).isEqualTo(PushOutcome.QUEUED);
		assertThat(pushed("imei:7", "third")).isEqualTo(PushOutcome.QUEUED);
		assertThat(pushed("imei:7", "fourth")).as("past max-per-key").isEqualTo(PushOutcome.REFUSED);
		assertThat(server.actuator().metric("tcp.server.sessions.offline-queue.frames", "VALUE")).isEqualTo(3);
		assertThat(server.actuator().count("tcp.server.messages.pushed", "listener:none", "outcome:queued"))
			.isEqualTo(3);
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			device.send("LOGIN imei:7").send("PING");
			assertThat(device.receive()).isEqualTo("OK imei:7");
			assertThat(device.receive()).isEqualTo("first");
			assertThat(device.receive()).isEqualTo("second");
			assertThat(device.receive()).isEqualTo("third");
			assertThat(device.receive()).isEqualTo("PONG");
			assertThat(pushed("imei:7", "live")).isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receive()).isEqualTo("live");
		}
		assertThat(server.actuator().metric("tcp.server.sessions.offline-queue.frames", "VALUE")).isZero();
	}

	@Test
	void overHttpAKeyConnectedNowhereIsRefusedWhileSomeListenerTakesNoHttpPushes() throws Exception {
		HttpResponse<String> refused = server.actuator().post("tcpsessions/imei:9", "{\"text\": \"x\"}");

		assertThat(refused.statusCode()).as("its next connection could be the panel's").isEqualTo(403);
		assertThat(refused.body()).contains("[panel]", "http-push=false");
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			device.send("LOGIN imei:9").send("PING");
			assertThat(device.receive()).isEqualTo("OK imei:9");
			assertThat(device.receive()).as("nothing was queued").isEqualTo("PONG");
		}
	}

	@Test
	void aKeyThatLogsInWithNothingQueuedGetsItsReplyAlone() throws Exception {
		try (TcpTestClient device = TcpTestClient.connect(server.tcpPort())) {
			assertThat(device.request("LOGIN imei:8")).isEqualTo("OK imei:8");
			assertThat(device.request("PING")).isEqualTo("PONG");
		}
	}

}
