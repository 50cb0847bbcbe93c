package io.tcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.SlowCommand;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Single-use connections, worker threads and the idle timeout. One server with two worker threads
 * and one event loop, so that a blocked worker would show on the loop's other connections.
 */
class ConnectionModesTests {

	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(() -> {
		List<String> args = new ArrayList<>(List.of("--tcp.server.event-loop-threads=1",
				"--tcp.server.worker-threads=2", "--spring.main.web-application-type=none"));
		args.addAll(NamedListener.args("singleuse", "single-use=true"));
		args.addAll(NamedListener.args("idle", "idle-timeout=600ms"));
		return RunningServer.start(new Class<?>[] { SlowCommand.class }, args.toArray(String[]::new));
	});

	@Test
	void singleUseRepliesOnceThenCloses() throws Exception {
		int port = server.get().tcpPort("singleuse");
		try (TcpTestClient client = TcpTestClient.connect(port)) {
			client.sendRaw("HELLO\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.readUntilClosed()).isEqualTo("Hello from TCP server!\r\n");
		}
		try (TcpTestClient next = TcpTestClient.connect(port)) {
			assertThat(next.request("PING")).isEqualTo("PONG");
			assertThat(next.isClosedByServer()).isTrue();
		}
	}

	@Test
	void withWorkerThreadsABlockingCommandDoesNotStallOtherConnectionsOnItsEventLoop() throws Exception {
		SlowCommand.Gate gate = SlowCommand.gate();
		try (TcpTestClient blocked = TcpTestClient.connect(server.get().tcpPort());
				TcpTestClient other = TcpTestClient.connect(server.get().tcpPort())) {
			blocked.send("SLOW").send("ECHO after");
			gate.awaitStarted();
			assertThat(other.request("PING")).isEqualTo("PONG");
			gate.release();
			assertThat(blocked.receive()).isEqualTo("released");
			assertThat(blocked.receive()).isEqualTo("after");
		}
	}

	@Test
	void withWorkerThreadsPipelinedRepliesKeepTheirOrder() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort())) {
			StringBuilder batch = new StringBuilder();
			for (int i = 0; i < 1000; i++) {
				batch.append("ECHO ").append(i).append("\r\n");
			}
			client.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receive()).isEqualTo(String.valueOf(i));
			}
			client.send("PING").shutdownOutput();
			assertThat(client.readUntilClosed()).isEqualTo("PONG\r\n");
		}
	}

	@Test
	void anIdleConnectionIsClosedAndSoIsOneThatNeverCompletesAMessage() throws Exception {
		int port = server.get().tcpPort("idle");
		try (TcpTestClient idle = TcpTestClient.connect(port);
				TcpTestClient dribbling = TcpTestClient.connect(port);
				TcpTestClient active = TcpTestClient.connect(port)) {
			assertThat(idle.request("PING")).isEqualTo("PONG");
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			boolean dribblingClosed = false;
			while (!dribblingClosed && System.nanoTime() < deadline) {
				try {
					dribbling.sendRaw(new byte[] { 'x' });
					assertThat(active.request("PING")).isEqualTo("PONG");
					Thread.sleep(100); // pacing, not waiting: the slow client sends a byte every 100 ms
				}
				catch (java.io.IOException ex) {
					dribblingClosed = true;
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(idle::isClosedByServer);
			await().atMost(Duration.ofSeconds(10)).until(dribbling::isClosedByServer);
			assertThat(active.request("PING")).isEqualTo("PONG");
		}
	}

}
