package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every codec carries the same UTF-8 commands, and frames replies the way it frames requests. */
class CodecTests {

	@ParameterizedTest
	@ValueSource(strings = { "lf", "crlf", "length-header-1", "length-header-2", "length-header-4", "stx-etx", "nul", "null" })
	void everyCodecServesTheProtocolInOrder(String codec) throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=" + codec,
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort(), codec)) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(client.request("ECHO  spaced  ünïcode ")).isEqualTo(" spaced  ünïcode ");
			assertThat(client.request("nope")).isEqualTo("ERR unknown command: nope");

			ByteArrayOutputStream batch = new ByteArrayOutputStream();
			for (int i = 0; i < 200; i++) {
				batch.writeBytes(TcpTestClient.frame(codec, "ECHO " + i));
			}
			client.sendRaw(batch.toByteArray());
			for (int i = 0; i < 200; i++) {
				assertThat(client.receive()).isEqualTo(String.valueOf(i));
			}
			assertThat(client.request("QUIT")).isEqualTo("BYE");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "lf", "crlf", "length-header-1", "length-header-2", "length-header-4", "stx-etx", "nul", "null" })
	void aMessageOverTheConfiguredMaximumIsRefusedAndTheConnectionClosed(String codec) throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=" + codec,
				"--tcp.server.max-message-size=100", "--spring.main.web-application-type=none")) {
			try (TcpTestClient client = TcpTestClient.connect(server.tcpPort(), codec)) {
				assertThat(client.request("ECHO " + "y".repeat(95))).isEqualTo("y".repeat(95));
				assertThat(client.request("ECHO " + "y".repeat(96))).isEqualTo("ERR message too long (max 100 bytes)");
				assertThat(client.isClosedByServer()).isTrue();
			}
		}
	}

	@Test
	void aLengthFieldAfterStartBytesFramesRepliesWithTheSameHeaderAndRefusesHostileLengths() throws Exception {
		// TPKT (RFC 1006): 03 00, then a 2-byte length that counts the 4-byte header too
		try (RunningServer server = RunningServer.start("--tcp.server.codec=length-field",
				"--tcp.server.length-field.offset=2", "--tcp.server.length-field.start=0300",
				"--tcp.server.length-field.adjustment=-4", "--tcp.server.max-message-size=100",
				"--spring.main.web-application-type=none")) {
			try (TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "raw")) {
				client.sendRaw(bytes("03000008", "PING"));
				assertThat(client.receiveRaw(8)).isEqualTo(bytes("03000008", "PONG"));
				client.sendRaw(bytes("0300ffff"));
				String tooLong = "ERR message too long (max 100 bytes)";
				assertThat(client.receiveRaw(4 + tooLong.length())).isEqualTo(bytes("03000028", tooLong));
				assertThat(client.isClosedByServer()).isTrue();
			}
			try (TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "raw")) {
				client.sendRaw(bytes("03010008", "PING"));
				assertThat(client.receiveRaw(4 + 19)).isEqualTo(bytes("03000017", "ERR malformed frame"));
				assertThat(client.isClosedByServer()).isTrue();
			}
		}
	}

	@Test
	void aLengthFieldLeftInTheMessageAddsNothingToReplies() throws Exception {
		// 4 ASCII digits after "ECHO ", counting what follows; the service sees the whole frame
		try (RunningServer server = RunningServer.start("--tcp.server.codec=length-field",
				"--tcp.server.length-field.offset=5", "--tcp.server.length-field.length=4",
				"--tcp.server.length-field.encoding=ascii", "--tcp.server.length-field.strip=0",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "raw")) {
			client.sendRaw("ECHO 0002hiECHO 0003bye".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.receiveRaw(13), StandardCharsets.US_ASCII)).isEqualTo("0002hi0003bye");
		}
	}

	@Test
	void fixedLengthFramesEveryMessageAndPadsEveryReplyToItsLength() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=fixed-length",
				"--tcp.server.fixed-length=8", "--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "raw")) {
			client.sendRaw("ECHO abcECHO xyz".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.receiveRaw(16)).isEqualTo(bytes("", "abc", "0000000000", "xyz", "0000000000"));
		}
	}

	@Test
	void aDelimiterOfAnyBytesEndsMessagesAndReplies() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=delimiter", "--tcp.server.delimiter=7e",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "raw")) {
			client.sendRaw("PING~ECHO a\r\nb~".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.receiveRaw(10), StandardCharsets.US_ASCII)).isEqualTo("PONG~a\r\nb~");
		}
	}

	/** Hex, then text, then hex...: {@code bytes("0300", "PING")}. */
	private static byte[] bytes(String... hexThenText) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < hexThenText.length; i++) {
			bytes.writeBytes((i % 2 == 0) ? HexFormat.of().parseHex(hexThenText[i])
					: hexThenText[i].getBytes(StandardCharsets.US_ASCII));
		}
		return bytes.toByteArray();
	}

	@Test
	void aReplyLongerThanAOneByteLengthHeaderCanAnnounceIsAnErrorReply() throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=length-header-1",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort(), "length-header-1")) {
			assertThat(client.request("HELLO " + "n".repeat(247))).hasSize(255);
			assertThat(client.request("HELLO " + "n".repeat(248))).isEqualTo("ERR reply too long");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

}
