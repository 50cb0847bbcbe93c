package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;

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
