package io.tcpgateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SlowCommand;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply service that blocks: on a virtual thread per request, concurrency across connections is
 * not capped by a pool; a request that takes longer than the request timeout is answered
 * {@code ERR timeout} in its place, and its late reply never reaches the client.
 */
@ExtendWith(OutputCaptureExtension.class)
class BlockingBackendTests {

	static final int MEETING = 50;

	static volatile CountDownLatch meeting = new CountDownLatch(MEETING);

	@Configuration(proxyBeanMethods = false)
	static class Blocking {

		/** MEET ms: waits that long at most until all {@value #MEETING} callers are in at once. */
		@Bean
		Command meet() {
			return Command.of("MEET", (argument) -> {
				CountDownLatch latch = meeting;
				latch.countDown();
				try {
					return Reply.of(latch.await(Long.parseLong(argument), TimeUnit.MILLISECONDS) ? "met" : "alone");
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Reply.of("interrupted");
				}
			});
		}

	}

	static List<String> meetFromEveryConnection(RunningServer server, int waitMillis) throws Exception {
		meeting = new CountDownLatch(MEETING);
		List<CompletableFuture<String>> replies = new ArrayList<>();
		for (int i = 0; i < MEETING; i++) {
			replies.add(CompletableFuture.supplyAsync(() -> {
				try (TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
					return client.request("MEET " + waitMillis);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, java.util.concurrent.Executors.newCachedThreadPool()));
		}
		List<String> all = new ArrayList<>();
		for (CompletableFuture<String> reply : replies) {
			all.add(reply.get(30, TimeUnit.SECONDS));
		}
		return all;
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onVirtualThreadsFiftyBlockedRequestsRunAtOnce() throws Exception {
		try (RunningServer server = RunningServer.start(new Class<?>[] { Blocking.class },
				"--tcp.server.worker-threads=virtual", "--spring.main.web-application-type=none")) {
			assertThat(meetFromEveryConnection(server, 5000)).hasSize(MEETING).containsOnly("met");
		}
	}

	@Test
	void aPoolOfFourPlatformThreadsCannotHoldFiftyAtOnce() throws Exception {
		try (RunningServer server = RunningServer.start(new Class<?>[] { Blocking.class },
				"--tcp.server.worker-threads=4", "--spring.main.web-application-type=none")) {
			// 4 at a time, each giving up after 200 ms: the others never all arrive
			assertThat(meetFromEveryConnection(server, 200)).hasSize(MEETING).contains("alone");
		}
	}

	@ParameterizedTest(name = "worker-threads={0}")
	@ValueSource(strings = { "2", "virtual" })
	void aRequestPastTheTimeoutIsAnsweredErrTimeoutInItsPlaceAndItsLateReplyDiscarded(String workers,
			CapturedOutput output) throws Exception {
		if (workers.equals("virtual") && Runtime.version().feature() < 21) {
			org.junit.jupiter.api.Assumptions.abort("virtual threads need Java 21+");
		}
		SlowCommand.Gate slow = SlowCommand.gate();
		try (RunningServer server = RunningServer.start(new Class<?>[] { SlowCommand.class },
				"--tcp.server.worker-threads=" + workers, "--tcp.server.request-timeout=300ms");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			client.send("ECHO before").send("SLOW 2000").send("ECHO after");
			assertThat(client.receive()).isEqualTo("before");
			assertThat(client.receive()).isEqualTo("ERR timeout");
			assertThat(client.receive()).isEqualTo("after");
			assertThat(slow.returnedWithin(Duration.ofSeconds(10))).isTrue();
			assertThat(client.request("PING")).as("the late reply never comes").isEqualTo("PONG");
			assertThat(server.actuator().count("tcp.server.errors", "type:request-timeout")).isEqualTo(1);
			assertThat(server.actuator().count("tcp.server.messages.received"))
				.isEqualTo(server.actuator().count("tcp.server.messages.sent"));
		}
		assertThat(output.toString().lines().filter((line) -> line.contains("tcp.server.request-timeout"))).hasSize(1);
	}

}
