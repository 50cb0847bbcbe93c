package io.tcpgateway.server.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArraySingleTerminatorSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayStxEtxSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Integration's own client serializers, each against the listener of its framing: what
 * one writes, the server takes; what the server writes back, the same serializer reads as exactly
 * the reply ({@code PONG}, not {@code PONG\r} for an LF client).
 */
class SpringIntegrationClientsTests {

	static RunningServer server;

	@BeforeAll
	static void start() {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none"));
		for (String[] listener : new String[][] { { "crlf", "crlf" }, { "h1", "length-header-1" },
				{ "h2", "length-header-2" }, { "h4", "length-header-4" }, { "stx", "stx-etx" }, { "nul", "nul" },
				{ "tilde", "delimiter" }, { "raw", "raw" } }) {
			args.add("--tcp.server.listeners." + listener[0] + ".port=0");
			args.add("--tcp.server.listeners." + listener[0] + ".codec=" + listener[1]);
		}
		args.add("--tcp.server.listeners.tilde.delimiter=7e");
		args.add("--tcp.server.listeners.raw.single-use=true");
		server = RunningServer.start(args.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static Stream<Arguments> clients() {
		return Stream.of(Arguments.of("lf (ByteArrayLfSerializer)", null, new ByteArrayLfSerializer()),
				Arguments.of("crlf (ByteArrayCrLfSerializer)", "crlf", new ByteArrayCrLfSerializer()),
				Arguments.of("length-header-1", "h1",
						new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_UNSIGNED_BYTE)),
				Arguments.of("length-header-2", "h2",
						new ByteArrayLengthHeaderSerializer(ByteArrayLengthHeaderSerializer.HEADER_SIZE_UNSIGNED_SHORT)),
				Arguments.of("length-header-4", "h4", new ByteArrayLengthHeaderSerializer()),
				Arguments.of("stx-etx", "stx", new ByteArrayStxEtxSerializer()),
				Arguments.of("nul", "nul", new ByteArraySingleTerminatorSerializer((byte) 0)),
				Arguments.of("delimiter 7e", "tilde", new ByteArraySingleTerminatorSerializer((byte) 0x7E)),
				Arguments.of("raw, single use (ByteArrayRawSerializer)", "raw", new ByteArrayRawSerializer()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	<S extends Serializer<byte[]> & Deserializer<byte[]>> void eachSerializerReadsExactlyTheReply(String name,
			String listener, S serializer) throws Exception {
		int port = (listener != null) ? server.tcpPort(listener) : server.tcpPort();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			serializer.serialize("PING".getBytes(StandardCharsets.US_ASCII), out);
			out.flush();
			if (serializer instanceof ByteArrayRawSerializer) {
				// raw frames end where the stream does: the single-use listener closes after its reply
				socket.shutdownOutput();
			}
			assertThat(new String(serializer.deserialize(in), StandardCharsets.US_ASCII)).isEqualTo("PONG");
		}
	}

}
