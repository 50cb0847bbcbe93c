package io.tcpgateway.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.SeededRandom;
import io.tcpgateway.support.SharedServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Any byte stream, on any codec: the server answers or closes the connection within a bound,
 * and a fresh client is served right after. {@value #STREAMS} random streams per codec.
 */
@ExtendWith(SeededRandom.class)
class RandomInputTests {

	static final int STREAMS = 40;

	static final List<String> CODECS = List.of("lf", "crlf", "length-header-1", "length-header-2", "length-header-4",
			"stx-etx", "nul");

	/** One server, a listener for each codec. */
	@RegisterExtension
	static final SharedServer server = SharedServer.of(listeners());

	static String[] listeners() {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none"));
		for (String codec : CODECS) {
			args.addAll(NamedListener.args(codec.replace("-", ""), "codec=" + codec, "max-message-size=200",
					"idle-timeout=2s"));
		}
		return args.toArray(String[]::new);
	}

	@ParameterizedTest(name = "codec {0}")
	@FieldSource("CODECS")
	void anyBytesAreAnsweredOrClosedAndTheServerStaysHealthy(String codec, Random random) throws Exception {
		int port = server.get().tcpPort(codec.replace("-", ""));
		for (int i = 0; i < STREAMS; i++) {
			byte[] garbage = new byte[1 + random.nextInt(2048)];
			random.nextBytes(garbage);
			try (TcpTestClient client = TcpTestClient.connect(port, codec)) {
				client.sendRaw(garbage);
				client.shutdownOutput();
				client.readUntilClosed();
			}
			catch (SocketTimeoutException ex) {
				fail("stream " + i + ": the server neither answered nor closed within the client's timeout");
			}
			catch (IOException ex) {
				// a reset is a clean close too, e.g. when a refused frame still had unread bytes
			}
			try (TcpTestClient next = TcpTestClient.connect(port, codec)) {
				assertThat(next.request("PING")).as("stream %d, then a fresh client", i).isEqualTo("PONG");
			}
		}
	}

}
