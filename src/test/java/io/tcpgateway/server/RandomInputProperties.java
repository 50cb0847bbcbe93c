package io.tcpgateway.server;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.EnumMap;
import java.util.Map;

import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Any byte stream, on any codec: the server answers or closes the connection within a bound,
 * and a fresh client is served right after.
 */
class RandomInputProperties {

	private static final Map<Codec, RunningServer> servers = new EnumMap<>(Codec.class);

	private static synchronized RunningServer serverFor(Codec codec) {
		return servers.computeIfAbsent(codec, (key) -> RunningServer.start("--tcp.server.codec=" + key.propertyValue(),
				"--tcp.server.max-message-size=512", "--tcp.server.idle-timeout=2s",
				"--spring.main.web-application-type=none"));
	}

	@AfterContainer
	static void stopServers() {
		servers.values().forEach(RunningServer::close);
		servers.clear();
	}

	@Property(tries = 40)
	void anyBytesAreAnsweredOrClosedAndTheServerStaysHealthy(@ForAll Codec codec,
			@ForAll @Size(min = 1, max = 2048) byte[] garbage) throws Exception {
		RunningServer server = serverFor(codec);
		try (TcpTestClient client = TcpTestClient.connect(server.tcpPort(), codec.propertyValue())) {
			client.sendRaw(garbage);
			client.shutdownOutput();
			client.readUntilClosed();
		}
		catch (SocketTimeoutException ex) {
			fail("the server neither answered nor closed within the client's timeout");
		}
		catch (IOException ex) {
			// a reset is a clean close too, e.g. when a refused frame still had unread bytes
		}
		try (TcpTestClient next = TcpTestClient.connect(server.tcpPort(), codec.propertyValue())) {
			assertThat(next.request("PING")).isEqualTo("PONG");
		}
	}

}
