package io.tcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.SlowCommand;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker queue and a client that never reads are bounded; neither disturbs other clients. */
class LimitsTests {

	/**
	 * Two workers sharing a queue of 100 places, fewer than one connection pipelines, for the tests
	 * that must never see it full; the pipelining case on a listener of its own.
	 */
	@RegisterExtension
	static final SharedServer server = SharedServer.startedBy(() -> {
		List<String> args = new ArrayList<>(List.of("--tcp.server.worker-threads=2", "--tcp.server.worker-queue=100"));
		args.addAll(NamedListener.args("pipelining"));
		args.addAll(NamedListener.args("greedy", "write-timeout=1s"));
		return RunningServer.start(args.toArray(String[]::new));
	});

	@Test
	void requestsBeyondTheWorkerQueueAreAnsweredBusyInTheirPlace() throws Exception {
		SlowCommand.Gate gate = SlowCommand.gate();
		try (RunningServer small = RunningServer.start(new Class<?>[] { SlowCommand.class },
				"--tcp.server.worker-threads=1", "--tcp.server.worker-queue=3");
				TcpTestClient blocker = TcpTestClient.connect(small.tcpPort());
				TcpTestClient client = TcpTestClient.connect(small.tcpPort())) {
			ActuatorClient actuator = small.actuator();
			blocker.send("SLOW");
			gate.awaitStarted();
			client.sendRaw("ECHO 1\r\nECHO 2\r\nECHO 3\r\nECHO 4\r\nECHO 5\r\n".getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> actuator.count("tcp.server.errors", "type:busy") == 3);
			gate.release();
			assertThat(blocker.receive()).isEqualTo("released");
			assertThat(client.receive()).isEqualTo("1");
			assertThat(client.receive()).isEqualTo("2");
			assertThat(client.receive()).isEqualTo("ERR server busy");
			assertThat(client.receive()).isEqualTo("ERR server busy");
			assertThat(client.receive()).isEqualTo("ERR server busy");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aConnectionPipeliningMoreThanTheWorkerQueueHoldsWaitsInsteadOfBeingAnsweredBusy() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("pipelining"))) {
			StringBuilder batch = new StringBuilder();
			for (int i = 0; i < 1000; i++) {
				batch.append("ECHO ").append(i).append("\r\n");
			}
			client.sendRaw(batch.toString().getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 1000; i++) {
				assertThat(client.receive()).isEqualTo(String.valueOf(i));
			}
			assertThat(server.get().actuator().count("tcp.server.errors", "listener:pipelining", "type:busy")).isZero();
		}
	}

	@Test
	void aFloodingNeighbourDoesNotMakeTheServerBusyForOthers() throws Exception {
		int pingers = 4;
		int pings = 500;
		int port = server.get().tcpPort();
		try (Socket flood = new Socket("127.0.0.1", port)) {
			AtomicBoolean done = new AtomicBoolean();
			Thread drainer = new Thread(() -> {
				try {
					flood.getInputStream().transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			});
			Thread flooder = new Thread(() -> {
				byte[] batch = "ECHO flood\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
				try {
					// bounded: 300,000 requests at most, stopped early once the others are done
					for (int i = 0; i < 300 && !done.get(); i++) {
						flood.getOutputStream().write(batch);
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			drainer.setDaemon(true);
			drainer.start();
			flooder.start();
			List<CompletableFuture<List<String>>> others = new ArrayList<>();
			for (int p = 0; p < pingers; p++) {
				others.add(CompletableFuture.supplyAsync(() -> {
					List<String> replies = new ArrayList<>();
					try (TcpTestClient client = TcpTestClient.connect(port)) {
						for (int i = 0; i < pings; i++) {
							replies.add(client.request("PING"));
						}
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
					return replies;
				}));
			}
			for (CompletableFuture<List<String>> replies : others) {
				assertThat(replies.get(60, TimeUnit.SECONDS)).hasSize(pings).containsOnly("PONG");
			}
			done.set(true);
			flooder.join(30_000);
			assertThat(flooder.isAlive()).isFalse();
		}
	}

	@Test
	void aClientThatNeverReadsIsNoLongerReadAndThenClosedAfterTheWriteTimeout() throws Exception {
		// answered on the event loop (worker-threads 0): replies pile up in the connection
		try (RunningServer onEventLoop = RunningServer.start("--tcp.server.write-timeout=1s")) {
			neverReads(onEventLoop, onEventLoop.tcpPort(), "default");
		}
	}

	@Test
	void withWorkersAClientThatNeverReadsIsClosedAfterTheWriteTimeoutAlsoWhenItsRepliesFitTheKernelsBuffers()
			throws Exception {
		// answered by workers a turn at a time: the replies can all fit the socket's send buffer
		// while the client, its own receive window shut, stops sending too
		neverReads(server.get(), server.get().tcpPort("greedy"), "greedy");
	}

	private static void neverReads(RunningServer running, int port, String listener) throws Exception {
		try (TcpTestClient bystander = TcpTestClient.connect(running.tcpPort())) {
			ActuatorClient actuator = running.actuator();
			AtomicLong written = new AtomicLong();
			Socket greedy = new Socket("127.0.0.1", port);
			greedy.setReceiveBufferSize(4096);
			Thread writer = new Thread(() -> {
				byte[] request = ("ECHO " + "w".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
				try {
					OutputStream out = greedy.getOutputStream();
					// bounded: 100 MB at most, far more than socket buffers can hold
					for (int i = 0; i < 100_000; i++) {
						out.write(request);
						written.addAndGet(request.length);
					}
				}
				catch (IOException ex) {
					// the server closed the connection: what this test waits for
				}
			});
			writer.setDaemon(true);
			writer.start();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> actuator.count("tcp.server.errors", "listener:" + listener, "type:write-timeout") == 1);
			writer.join(10_000);
			assertThat(writer.isAlive()).isFalse();
			assertThat(written.get()).as("the server stopped reading long before 100 MB")
				.isLessThan(50L * 1024 * 1024);
			assertThat(bystander.request("PING")).isEqualTo("PONG");
			greedy.close();
		}
	}

}
