package io.tcpgateway.server;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SlowCommand;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown answers every request the server has read, then closes each connection; the same
 * {@code context.close()} runs on SIGTERM (see FatJarIT for the signal itself).
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulDrainTests {

	@ParameterizedTest
	@ValueSource(ints = { 0, 2 })
	void shutdownAnswersEveryRequestReadThenClosesAndRefusesNewConnections(int workerThreads, CapturedOutput output)
			throws Exception {
		RunningServer server = RunningServer.start(new Class<?>[] { SlowCommand.class },
				"--tcp.server.worker-threads=" + workerThreads, "--spring.lifecycle.timeout-per-shutdown-phase=10s",
				"--spring.main.web-application-type=none");
		NettyServerConnectionFactory listener = server.context().getBean(NettyServerConnectionFactory.class);
		int port = server.tcpPort();
		int batch = 300;
		try (TcpTestClient slow = TcpTestClient.connect(port);
				TcpTestClient pipelining = TcpTestClient.connect(port);
				TcpTestClient idle = TcpTestClient.connect(port)) {
			assertThat(idle.request("PING")).isEqualTo("PONG");
			StringBuilder requests = new StringBuilder();
			for (int i = 0; i < batch; i++) {
				requests.append("ECHO ").append(i).append("\r\n");
			}
			pipelining.sendRaw(requests.toString().getBytes(StandardCharsets.UTF_8));
			slow.send("SLOW 1500");
			// the server has read everything sent so far
			await().atMost(Duration.ofSeconds(10))
				.until(() -> listener.messageTotals().received() == 1 + batch + 1);

			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);

			await().atMost(Duration.ofSeconds(5)).until(() -> !listener.isListening());
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> TcpTestClient.connect(port));
			assertThat(slow.receive()).isEqualTo("slept 1500");
			assertThat(slow.isClosedByServer()).isTrue();
			for (int i = 0; i < batch; i++) {
				assertThat(pipelining.receive()).isEqualTo(String.valueOf(i));
			}
			assertThat(pipelining.isClosedByServer()).isTrue();
			assertThat(idle.isClosedByServer()).isTrue();
			shutdown.get(15, TimeUnit.SECONDS);
		}
		assertThat(output).contains("closed 3 of 3 connections (0 still open at the deadline); received "
				+ (batch + 2) + " messages, sent " + (batch + 2) + " replies");
	}

	@Test
	void withAShutdownDelayReadinessTurnsDownWhileTheListenerStillAccepts() throws Exception {
		RunningServer server = RunningServer.start("--tcp.server.shutdown-delay=3s");
		NettyServerConnectionFactory listener = server.context()
			.getBean("tcpServerConnectionFactory", NettyServerConnectionFactory.class);
		io.tcpgateway.support.ActuatorClient actuator = server.actuator();
		int port = server.tcpPort();
		assertThat(actuator.get("health/readiness").statusCode()).isEqualTo(200);
		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);
		await().atMost(Duration.ofSeconds(5)).until(() -> actuator.get("health/readiness").statusCode() == 503);
		assertThat(listener.isListening()).isTrue();
		try (TcpTestClient late = TcpTestClient.connect(port)) {
			assertThat(late.request("PING")).isEqualTo("PONG");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !listener.isListening());
		shutdown.get(20, TimeUnit.SECONDS);
	}

	@Test
	void aConnectionThatStaysBusyPastTheDeadlineDoesNotHoldShutdownBack() throws Exception {
		RunningServer server = RunningServer.start(new Class<?>[] { SlowCommand.class },
				"--spring.lifecycle.timeout-per-shutdown-phase=1s", "--spring.main.web-application-type=none");
		NettyServerConnectionFactory listener = server.context().getBean(NettyServerConnectionFactory.class);
		try (TcpTestClient slow = TcpTestClient.connect(server.tcpPort())) {
			slow.send("SLOW 3000");
			long start = System.nanoTime();
			// SLOW is being answered: it counts as received when it is taken
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.messageTotals().received() == 1);
			server.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
			try {
				slow.readUntilClosed();
			}
			catch (IOException ex) {
				// a reset is a fine end here: the request outlived the shutdown bound
			}
		}
	}

}
