package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every codec carries the same UTF-8 commands, and frames replies the way it frames requests. One
 * server, a listener for each codec and setting.
 */
class CodecTests {

	static final List<String> CODECS = List.of("lf", "crlf", "length-header-1", "length-header-2", "length-header-4",
			"stx-etx", "nul", "null");

	@RegisterExtension
	static final SharedServer server = SharedServer.of(listeners());

	static String[] listeners() {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none"));
		for (String codec : CODECS) {
			args.addAll(NamedListener.args(name(codec), "codec=" + codec));
			args.addAll(NamedListener.args(name(codec) + "max100", "codec=" + codec, "max-message-size=100"));
		}
		// TPKT (RFC 1006): 03 00, then a 2-byte length that counts the 4-byte header too
		args.addAll(NamedListener.args("tpkt", "codec=length-field", "length-field.offset=2",
				"length-field.start=0300", "length-field.adjustment=-4", "max-message-size=100"));
		// 4 ASCII digits after "ECHO ", counting what follows; the service sees the whole frame
		args.addAll(NamedListener.args("asciilength", "codec=length-field", "length-field.offset=5",
				"length-field.length=4", "length-field.encoding=ascii", "length-field.strip=0"));
		args.addAll(NamedListener.args("fixedlength", "codec=fixed-length", "fixed-length=8"));
		args.addAll(NamedListener.args("delimiter", "codec=delimiter", "delimiter=7e"));
		return args.toArray(String[]::new);
	}

	/** The listener of a codec with its other settings left to their defaults. */
	static String name(String codec) {
		return "codec" + codec.replace("-", "");
	}

	static int port(String listener) {
		return server.get().tcpPort(listener);
	}

	@ParameterizedTest
	@FieldSource("CODECS")
	void everyCodecServesTheProtocolInOrder(String codec) throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port(name(codec)), codec)) {
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
	@FieldSource("CODECS")
	void aMessageOverTheConfiguredMaximumIsRefusedAndTheConnectionClosed(String codec) throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port(name(codec) + "max100"), codec)) {
			assertThat(client.request("ECHO " + "y".repeat(95))).isEqualTo("y".repeat(95));
			assertThat(client.request("ECHO " + "y".repeat(96))).isEqualTo("ERR message too long (max 100 bytes)");
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void aLengthFieldAfterStartBytesFramesRepliesWithTheSameHeaderAndRefusesHostileLengths() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port("tpkt"), "raw")) {
			client.sendRaw(bytes("03000008", "PING"));
			assertThat(client.receiveRaw(8)).isEqualTo(bytes("03000008", "PONG"));
			client.sendRaw(bytes("0300ffff"));
			String tooLong = "ERR message too long (max 100 bytes)";
			assertThat(client.receiveRaw(4 + tooLong.length())).isEqualTo(bytes("03000028", tooLong));
			assertThat(client.isClosedByServer()).isTrue();
		}
		try (TcpTestClient client = TcpTestClient.connect(port("tpkt"), "raw")) {
			client.sendRaw(bytes("03010008", "PING"));
			assertThat(client.receiveRaw(4 + 19)).isEqualTo(bytes("03000017", "ERR malformed frame"));
			assertThat(client.isClosedByServer()).isTrue();
		}
	}

	@Test
	void aLengthFieldLeftInTheMessageAddsNothingToReplies() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port("asciilength"), "raw")) {
			client.sendRaw("ECHO 0002hiECHO 0003bye".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(client.receiveRaw(13), StandardCharsets.US_ASCII)).isEqualTo("0002hi0003bye");
		}
	}

	@Test
	void fixedLengthFramesEveryMessageAndPadsEveryReplyToItsLength() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port("fixedlength"), "raw")) {
			client.sendRaw("ECHO abcECHO xyz".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.receiveRaw(16)).isEqualTo(bytes("", "abc", "0000000000", "xyz", "0000000000"));
		}
	}

	@Test
	void aDelimiterOfAnyBytesEndsMessagesAndReplies() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(port("delimiter"), "raw")) {
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
		try (TcpTestClient client = TcpTestClient.connect(port(name("length-header-1")), "length-header-1")) {
			assertThat(client.request("HELLO " + "n".repeat(247))).hasSize(255);
			assertThat(client.request("HELLO " + "n".repeat(248))).isEqualTo("ERR reply too long");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

}
