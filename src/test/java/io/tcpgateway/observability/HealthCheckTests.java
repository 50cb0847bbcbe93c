package io.tcpgateway.observability;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A load balancer's health checks as HAProxy ends them, with a reset (RST: SO_LINGER 0 on a real
 * socket): a plain connect check and a PING/PONG check owe the client nothing when it resets, so
 * they close with cause client-reset and count no error; the error-ratio alert stays quiet.
 */
class HealthCheckTests {

	private static final int CHECKS = 50;

	@Test
	void fiftyConnectResetChecksAndFiftyPingPongResetChecksCountNoErrorOnlyClientResets() throws Exception {
		try (RunningServer server = RunningServer.start()) {
			ActuatorClient actuator = server.actuator();
			for (int i = 0; i < CHECKS; i++) {
				try (Socket check = new Socket("127.0.0.1", server.tcpPort())) {
					check.setSoLinger(true, 0);
				}
			}
			for (int i = 0; i < CHECKS; i++) {
				try (Socket check = new Socket("127.0.0.1", server.tcpPort())) {
					check.setSoTimeout(10_000);
					check.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
					assertThat(readLine(check.getInputStream())).isEqualTo("PONG");
					check.setSoLinger(true, 0);
				}
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> actuator.count("tcp.server.connections.closed") == 2 * CHECKS);
			assertThat(actuator.count("tcp.server.connections.closed", "cause:client-reset")).isEqualTo(2 * CHECKS);
			assertThat(actuator.count("tcp.server.errors")).as("errors of every type").isZero();
			assertThat(actuator.count("tcp.server.messages.received")).isEqualTo(CHECKS);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			assertThat(b).as("a reply line, not the end of the stream").isNotNegative();
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
