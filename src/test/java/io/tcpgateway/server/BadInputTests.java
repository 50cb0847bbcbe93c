package io.tcpgateway.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile and broken input gets a defined answer or a clean close, and disturbs no one else. One
 * server: lf on the default listener, a length-header-4 and an stx-etx listener.
 */
class BadInputTests {

	@RegisterExtension
	static final SharedServer server = SharedServer.of("--tcp.server.max-message-size=1024",
			"--tcp.server.listeners.binary.port=0", "--tcp.server.listeners.binary.codec=length-header-4",
			"--tcp.server.listeners.stxetx.port=0", "--tcp.server.listeners.stxetx.codec=stx-etx",
			"--tcp.server.listeners.stxetx.max-message-size=65536");

	static int lf() {
		return server.get().tcpPort();
	}

	static int binary() {
		return server.get().tcpPort("binary");
	}

	@Test
	void aLengthHeaderAnnouncingTwoGigabytesIsRefusedWithoutBufferingIt() throws Exception {
		try (TcpTestClient bystander = TcpTestClient.connect(binary(), "length-header-4");
				TcpTestClient client = TcpTestClient.connect(binary(), "length-header-4")) {
			client.sendRaw(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).put("ECHO".getBytes()).array());
			assertThat(client.receive()).isEqualTo("ERR message too long (max 1024 bytes)");
			assertThat(client.isClosedByServer()).isTrue();
			assertThat(bystander.request("PING")).isEqualTo("PONG");
		}
		assertThat(server.get().actuator().count("tcp.server.errors", "listener:binary", "type:oversized"))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aNegativeLengthReadsAsAHugeUnsignedOneAndIsRefused() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(binary(), "length-header-4")) {
			client.sendRaw(ByteBuffer.allocate(4).putInt(-5).array());
			assertThat(client.receive()).isEqualTo("ERR message too long (max 1024 bytes)");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void anEtxFrameWithoutStxIsAMalformedFrame() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("stxetx"), "stx-etx")) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			client.sendRaw("PING\u0003".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.receive()).isEqualTo("ERR malformed frame");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void invalidUtf8IsDecodedWithReplacementCharactersAndAnswered() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(lf())) {
			client.sendRaw(new byte[] { 'E', 'C', 'H', 'O', ' ', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\r', '\n' });
			assertThat(client.receive()).isEqualTo("\uFFFD(\uFFFD");
			client.sendRaw(new byte[] { (byte) 0xFE, (byte) 0xFE, '\n' });
			assertThat(client.receive()).isEqualTo("ERR unknown command: \uFFFD\uFFFD");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aFloodOfEmptyLinesGetsOneAnswerEach() throws Exception {
		int lines = 20_000;
		byte[] flood = new byte[lines * 2];
		for (int i = 0; i < lines; i++) {
			flood[2 * i] = '\r';
			flood[2 * i + 1] = '\n';
		}
		try (TcpTestClient client = TcpTestClient.connect(lf())) {
			Thread writer = new Thread(() -> {
				try {
					client.sendRaw(flood);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			writer.start();
			for (int i = 0; i < lines; i++) {
				assertThat(client.receive()).isEqualTo("ERR empty message");
			}
			writer.join(10_000);
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void aFrameCutOffByTheClientsFinIsDroppedAndTheConnectionClosedCleanly() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(lf())) {
			client.sendRaw("PING\r\nECHO never fini".getBytes(StandardCharsets.US_ASCII));
			client.shutdownOutput();
			assertThat(client.readUntilClosed()).isEqualTo("PONG\r\n");
		}
	}

	@Test
	void aClientThatResetsWhileRepliesAreWrittenDisturbsNoOne() throws Exception {
		ActuatorClient actuator = server.get().actuator();
		String listener = "listener:default";
		double ioErrorsBefore = actuator.count("tcp.server.errors", listener, "type:io");
		try (TcpTestClient bystander = TcpTestClient.connect(lf())) {
			for (int round = 0; round < 20; round++) {
				Socket socket = new Socket("127.0.0.1", lf());
				OutputStream out = socket.getOutputStream();
				byte[] batch = ("ECHO " + "r".repeat(900) + "\r\n").repeat(200).getBytes(StandardCharsets.US_ASCII);
				out.write(batch);
				out.flush();
				socket.setSoLinger(true, 0);
				socket.close();
				assertThat(bystander.request("ECHO " + round)).isEqualTo(String.valueOf(round));
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.metric("tcp.server.connections.active", "VALUE", listener) == 0);
		assertThat(actuator.count("tcp.server.errors", listener, "type:io")).isGreaterThanOrEqualTo(ioErrorsBefore);
		// with nothing in progress, every request taken was either written or lost with its connection
		assertThat(actuator.count("tcp.server.messages.received", listener))
			.isEqualTo(actuator.count("tcp.server.messages.sent", listener)
					+ actuator.count("tcp.server.messages.abandoned", listener));
		assertThat(actuator.json("health").at("/components/tcpServer/status").asString()).isEqualTo("UP");
	}

	@Test
	void randomBinaryGarbageIsAnsweredOrClosedAndTheServerStaysHealthy() throws Exception {
		java.util.Random random = new java.util.Random(42);
		for (int i = 0; i < 50; i++) {
			byte[] garbage = new byte[1 + random.nextInt(4096)];
			random.nextBytes(garbage);
			try (TcpTestClient client = TcpTestClient.connect(lf())) {
				client.sendRaw(garbage);
				client.shutdownOutput();
				String replies = client.readUntilClosed();
				long lines = Arrays.stream(new String(garbage, StandardCharsets.ISO_8859_1).split("\n", -1)).count() - 1;
				assertThat(replies.split("\r\n", -1).length - 1).isLessThanOrEqualTo((int) lines + 1);
			}
			catch (IOException ex) {
				// a reset after an oversized line is a clean enough close for garbage
			}
		}
		try (TcpTestClient client = TcpTestClient.connect(lf())) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

}
