package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The request API over real sockets: exact bytes both ways on every binary codec, text in the
 * listener's charset, the connection and its attributes, the greeting, the open and close
 * callbacks, and the README's examples.
 */
class RequestApiTests {

	/** The README's session example: LOGIN keeps the user on the connection. */
	@Configuration(proxyBeanMethods = false)
	static class SessionCommands {

		@Bean
		Command login() {
			return Command.withRequest("LOGIN", (argument) -> {
				argument.connection().attributes().put("user", argument.text());
				return Reply.of("WELCOME " + argument.text());
			});
		}

		@Bean
		Command secret() {
			return Command.withRequest("SECRET", (argument) -> {
				Object user = argument.connection().attributes().get("user");
				return (user == null) ? Reply.of("ERR login first") : Reply.of("the secret, for " + user);
			});
		}

	}

	/** The README's binary example: each length-prefixed request is answered with its CRC-32. */
	@Configuration(proxyBeanMethods = false)
	static class Checksums {

		@Bean
		ReplyService checksums() {
			return ReplyService.forRequests((request) -> {
				CRC32 crc = new CRC32();
				crc.update(request.bytes());
				return Reply.of(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
			});
		}

	}

	static final List<String> events = new CopyOnWriteArrayList<>();

	@Configuration(proxyBeanMethods = false)
	static class Sessions {

		@Bean
		ConnectionListener recordingListener() {
			return new ConnectionListener() {
				@Override
				public void opened(ConnectionContext connection) {
					events.add("opened " + connection.listener() + " " + connection.remoteAddress().getPort());
				}

				@Override
				public void closed(ConnectionContext connection, String cause) {
					events.add("closed " + connection.remoteAddress().getPort() + " " + cause);
				}
			};
		}

	}

	static final List<String> BINARY_CODECS = List.of("length-header-1", "length-header-2", "length-header-4",
			"stx-etx", "nul", "raw", "mllp");

	/**
	 * One server for the tests that keep the built-in commands: the README's session commands, the
	 * recording listener, and a listener for each setting a test needs.
	 */
	@RegisterExtension
	static final SharedServer server = SharedServer.of(new Class<?>[] { SessionCommands.class, Sessions.class },
			listeners());

	static String[] listeners() {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none"));
		for (String codec : BINARY_CODECS) {
			args.addAll(NamedListener.args(codec.replace("-", ""), "codec=" + codec));
		}
		args.addAll(NamedListener.args("latin1", "charset=ISO-8859-1"));
		args.addAll(NamedListener.args("greeting", "greeting=220 ready"));
		args.addAll(NamedListener.args("tutorial", "codec=raw", "max-message-size=1024"));
		return args.toArray(String[]::new);
	}

	static byte[] everyByte(int count, int... except) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int value = 0; value < 256 && bytes.size() < count; value++) {
			int candidate = value;
			if (java.util.Arrays.stream(except).noneMatch((e) -> e == candidate)) {
				bytes.write(value);
			}
		}
		return bytes.toByteArray();
	}

	@ParameterizedTest
	@FieldSource("BINARY_CODECS")
	void echoReturnsArbitraryBytesExactly(String codec) throws Exception {
		byte[] argument = switch (codec) {
			case "length-header-1" -> everyByte(250);
			case "stx-etx" -> everyByte(256, 0x03);
			case "nul" -> everyByte(256, 0x00);
			case "mllp" -> everyByte(256, 0x1C);
			default -> everyByte(256);
		};
		byte[] request = ByteBuffer.allocate(5 + argument.length).put("ECHO ".getBytes(StandardCharsets.US_ASCII))
			.put(argument)
			.array();
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort(codec.replace("-", "")), codec)) {
			client.sendBytes(request);
			assertThat(client.receiveBytes()).isEqualTo(argument);
		}
	}

	@Test
	void textIsDecodedAndEncodedWithTheListenersCharset() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("latin1"))) {
			client.sendRaw("HELLO Jos\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
			assertThat(client.receiveBytes()).isEqualTo("Hello, Jos\u00e9!".getBytes(StandardCharsets.ISO_8859_1));
		}
	}

	@Test
	void aLoginIsKeptForTheConnectionAndForgottenWithIt() throws Exception {
		int port = server.get().tcpPort();
		try (TcpTestClient alice = TcpTestClient.connect(port); TcpTestClient stranger = TcpTestClient.connect(port)) {
			assertThat(alice.request("SECRET")).isEqualTo("ERR login first");
			assertThat(alice.request("LOGIN alice")).isEqualTo("WELCOME alice");
			assertThat(alice.request("SECRET")).isEqualTo("the secret, for alice");
			assertThat(stranger.request("SECRET")).as("another connection").isEqualTo("ERR login first");
		}
		try (TcpTestClient again = TcpTestClient.connect(port)) {
			assertThat(again.request("SECRET")).as("a new connection").isEqualTo("ERR login first");
		}
	}

	/** The README's checksum service replaces the built-in commands: a server of its own. */
	@Test
	void aBinaryLengthPrefixedProtocol() throws Exception {
		try (RunningServer checksums = RunningServer.start(new Class<?>[] { Checksums.class },
				"--tcp.server.codec=length-header-2", "--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(checksums.tcpPort(), "length-header-2")) {
			byte[] payload = everyByte(256);
			CRC32 crc = new CRC32();
			crc.update(payload);
			client.sendBytes(payload);
			assertThat(ByteBuffer.wrap(client.receiveBytes()).getInt()).isEqualTo((int) crc.getValue());
		}
	}

	@Test
	void theGreetingComesFirstOnEveryConnection() throws Exception {
		try (TcpTestClient client = TcpTestClient.connect(server.get().tcpPort("greeting"))) {
			assertThat(client.receive()).isEqualTo("220 ready");
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
	}

	@Test
	void listenersAreToldOfEachOpenAndCloseWithItsCause() throws Exception {
		int port = server.get().tcpPort();
		int quitting;
		int leaving;
		try (TcpTestClient quit = TcpTestClient.connect(port); TcpTestClient leave = TcpTestClient.connect(port)) {
			quitting = quit.socket().getLocalPort();
			leaving = leave.socket().getLocalPort();
			assertThat(quit.request("QUIT")).isEqualTo("BYE");
			assertThat(quit.isClosedByServer()).isTrue();
			assertThat(leave.request("PING")).isEqualTo("PONG");
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
			.contains("opened default " + quitting, "opened default " + leaving, "closed " + quitting + " quit",
					"closed " + leaving + " client-close"));
	}

	@Test
	void theTutorialsClientPatternOnTheRawCodec() throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.get().tcpPort("tutorial"))) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write("PING".getBytes(StandardCharsets.US_ASCII));
			byte[] buffer = new byte[1024];
			int n = socket.getInputStream().read(buffer);
			assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).isEqualTo("PONG");
		}
	}

}
