package io.tcpgateway.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Random;

import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.SeededRandom;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Any byte stream, on any codec: the server answers or closes the connection within a bound,
 * and a fresh client is served right after. {@value #STREAMS} random streams per codec.
 */
@ExtendWith(SeededRandom.class)
class RandomInputTests {

	static final int STREAMS = 40;

	@ParameterizedTest(name = "codec {0}")
	@ValueSource(strings = { "lf", "crlf", "length-header-1", "length-header-2", "length-header-4", "stx-etx", "nul" })
	void anyBytesAreAnsweredOrClosedAndTheServerStaysHealthy(String codec, Random random) throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.codec=" + codec,
				"--tcp.server.max-message-size=200", "--tcp.server.idle-timeout=2s",
				"--spring.main.web-application-type=none")) {
			for (int i = 0; i < STREAMS; i++) {
				byte[] garbage = new byte[1 + random.nextInt(2048)];
				random.nextBytes(garbage);
				try (TcpTestClient client = TcpTestClient.connect(server.tcpPort(), codec)) {
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
				try (TcpTestClient next = TcpTestClient.connect(server.tcpPort(), codec)) {
					assertThat(next.request("PING")).as("stream %d, then a fresh client", i).isEqualTo("PONG");
				}
			}
		}
	}

}
