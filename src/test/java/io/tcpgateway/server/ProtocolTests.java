package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** The default protocol over real TCP, codec {@code lf}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tcp.server.port=0", "tcp.server.host=127.0.0.1" })
class ProtocolTests {

	static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

	@TestConfiguration
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Autowired
	NettyServerConnectionFactory factory;

	TcpTestClient connect() throws Exception {
		return TcpTestClient.connect(this.factory.getPort());
	}

	@Test
	void pingAnswersPong() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void commandWordIsCaseInsensitive() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("ping")).isEqualTo("PONG");
			assertThat(client.request("PiNg")).isEqualTo("PONG");
		}
	}

	@Test
	void echoAnswersItsTextExactlyWithInnerAndTrailingSpaces() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("ECHO hello  world  ")).isEqualTo("hello  world  ");
			assertThat(client.request("ECHO grüße ✓")).isEqualTo("grüße ✓");
			assertThat(client.request("ECHO")).isEmpty();
		}
	}

	@Test
	void helloGreetsLikeTheTutorialServerOrByName() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("HELLO")).isEqualTo("Hello from TCP server!");
			assertThat(client.request("HELLO Ada")).isEqualTo("Hello, Ada!");
		}
	}

	@Test
	void timeAnswersTheCurrentInstantInIsoUtc() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("TIME")).isEqualTo("2026-11-25T10:15:30.123Z");
		}
	}

	@Test
	void quitSaysByeThenTheServerCloses() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("QUIT")).isEqualTo("BYE");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void emptyMessageAndUnknownCommandGetAnErrorAndTheConnectionStaysOpen() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("")).isEqualTo("ERR empty message");
			assertThat(client.request("FROB now")).isEqualTo("ERR unknown command: FROB");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aMessageEndsAtLfAndOneCrBeforeItIsStrippedAndItsReplyEndsTheSameWay() throws Exception {
		try (TcpTestClient client = connect()) {
			client.sendRaw("PING\nECHO a\r\r\nPING\r\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.receive()).isEqualTo("PONG");
			assertThat(client.lastLineEnding()).isEqualTo("\n");
			assertThat(client.receive()).isEqualTo("a\r");
			assertThat(client.lastLineEnding()).isEqualTo("\r\n");
			assertThat(client.receive()).isEqualTo("PONG");
			assertThat(client.lastLineEnding()).isEqualTo("\r\n");
		}
	}

	@Test
	void pipelinedMessagesAreAllAnsweredInOrder() throws Exception {
		int count = 1000;
		ByteArrayOutputStream batch = new ByteArrayOutputStream();
		for (int i = 0; i < count; i++) {
			batch.writeBytes(("ECHO " + i + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		try (TcpTestClient client = connect()) {
			client.sendRaw(batch.toByteArray());
			for (int i = 0; i < count; i++) {
				assertThat(client.receive()).isEqualTo(String.valueOf(i));
			}
		}
	}

	@Test
	void aClientThatHalfClosesRightAfterSendingStillGetsEveryReply() throws Exception {
		try (TcpTestClient client = connect()) {
			client.sendRaw("PING\r\nECHO one\r\nECHO two\r\n".getBytes(StandardCharsets.UTF_8));
			client.shutdownOutput();
			assertThat(client.readUntilClosed()).isEqualTo("PONG\r\none\r\ntwo\r\n");
		}
	}

	@Test
	void aMessageLongerThanTheLimitIsAnsweredAndTheConnectionClosed() throws Exception {
		try (TcpTestClient client = connect()) {
			assertThat(client.request("ECHO " + "x".repeat(70_000)))
				.isEqualTo("ERR message too long (max 65536 bytes)");
			assertThat(client.isClosedByServer()).isTrue();
		}
		try (TcpTestClient other = connect()) {
			assertThat(other.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void manyClientsAreServedConcurrentlyEachInOrder() throws Exception {
		int clients = 100;
		int messages = 100;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int id = c;
				Callable<List<String>> conversation = () -> {
					List<String> replies = new ArrayList<>();
					try (TcpTestClient client = connect()) {
						for (int m = 0; m < messages; m++) {
							replies.add(client.request("ECHO " + id + "-" + m));
						}
					}
					return replies;
				};
				results.add(pool.submit(conversation));
			}
			for (int c = 0; c < clients; c++) {
				List<String> expected = new ArrayList<>();
				for (int m = 0; m < messages; m++) {
					expected.add(c + "-" + m);
				}
				assertThat(results.get(c).get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
