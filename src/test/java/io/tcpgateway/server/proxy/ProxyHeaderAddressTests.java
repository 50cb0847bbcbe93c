package io.tcpgateway.server.proxy;

import java.time.Duration;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.ProxyHeaders;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PROXY v1 header names its client by a plain IP address. One with a zone ({@code %lo}, an
 * interface of the balancer's host) names no client here: the header is refused, not replaced by
 * the balancer's own address.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProxyHeaderAddressTests {

	@Test
	void aV1SourceAddressWithAZoneIsRefusedCountedAndLoggedOnce(CapturedOutput output) throws Exception {
		try (RunningServer server = RunningServer.start("--tcp.server.proxy-protocol=v1",
				"--tcp.server.trusted-proxies=127.0.0.1")) {
			try (TcpTestClient zoned = TcpTestClient.connect(server.tcpPort())) {
				zoned.sendRaw(ProxyHeaders.concat(ProxyHeaders.v1("TCP6", "fe80::1%lo", "fe80::2", 40000),
						"PING\r\n".getBytes()));
				assertThat(zoned.isClosedByServer()).as("closed, no reply").isTrue();
			}
			ActuatorClient actuator = server.actuator();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> actuator.count("tcp.server.connections.rejected", "reason:proxy-protocol") == 1);
			assertThat(actuator.count("tcp.server.connections.opened")).isZero();
			assertThat(output.toString().lines().filter((line) -> line.contains("fe80::1%lo"))).singleElement()
				.asString()
				.contains("WARN")
				.contains("(proxy-protocol)");
			try (TcpTestClient plain = TcpTestClient.connect(server.tcpPort())) {
				plain.sendRaw(ProxyHeaders.v1("TCP6", "fe80::1", "fe80::2", 40001));
				assertThat(plain.request("PING")).isEqualTo("PONG");
			}
		}
	}

}
