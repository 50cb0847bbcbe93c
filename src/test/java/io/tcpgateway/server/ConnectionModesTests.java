package io.tcpgateway.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tcpgateway.support.BlockingCommand;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Single-use connections, worker threads and the idle timeout. */
class ConnectionModesTests {

	@Test
	void singleUseRepliesOnceThenCloses() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.single-use=true",
				"--spring.main.web-application-type=none")) {
			try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
				client.sendRaw("HELLO\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
				assertThat(client.readUntilClosed()).isEqualTo("Hello from TCP server!\r\n");
			}
			try (TcpTestClient next = TcpTestClient.connect(server.tcpPort())) {
				assertThat(next.request("PING")).isEqualTo("PONG");
				assertThat(next.isClosedByServer()).isTrue();
			}
		}
	}

	@Test
	void withWorkerThreadsABlockingCommandDoesNotStallOtherConnectionsOnItsEventLoop() throws Exception {
		BlockingCommand.Gate gate = BlockingCommand.gate();
		try (RunningServer server = RunningServer.start(new Class<?>[] { BlockingCommand.Config.class },
				"--tcp.server.event-loop-threads=1", "--tcp.server.worker-threads=2",
				"--spring.main.web-application-type=none");
				TcpTestClient blocked = TcpTestClient.connect(server.tcpPort());
				TcpTestClient other = TcpTestClient.connect(server.tcpPort())) {
			blocked.send("BLOCK").send("ECHO after");
			gate.awaitStarted();
			assertThat(other.request("PING")).isEqualTo("PONG");
			gate.release();
			assertThat(blocked.receive()).isEqualTo("released");
			assertThat(blocked.receive()).isEqualTo("after");
		}
	}

	@Test
	void withWorkerThreadsPipelinedRepliesKeepTheirOrder() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.worker-threads=4",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
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
		try (RunningServer server = RunningServer.start("--tcp.server.idle-timeout=600ms",
				"--spring.main.web-application-type=none");
				TcpTestClient idle = TcpTestClient.connect(server.tcpPort());
				TcpTestClient dribbling = TcpTestClient.connect(server.tcpPort());
				TcpTestClient active = TcpTestClient.connect(server.tcpPort())) {
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
