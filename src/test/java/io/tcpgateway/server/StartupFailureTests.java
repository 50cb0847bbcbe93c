package io.tcpgateway.server;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad setting or a port in use stops the real application at startup, with Spring Boot's short
 * report that says why. Each setting's own check is in the config package's binding tests;
 * FatJarIT shows the process exiting non-zero.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@Test
	void anInvalidSettingGetsTheShortFailureReportNamingThePropertyAndItsEnvironmentVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.allowed-clients=10.0.0.0/8,10.1.2.300",
				"--spring.main.web-application-type=none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("tcp.server.allowed-clients has an invalid entry '10.1.2.300'")
			.contains("TCP_SERVER_ALLOWEDCLIENTS")
			.doesNotContain("BeanCreationException");
	}

	@Test
	void aPortInUseFailsStartupInsteadOfRunningWithADeadListener(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			int port = taken.getLocalPort();
			assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.host=127.0.0.1",
					"--tcp.server.port=" + port, "--spring.main.web-application-type=none"));
			assertThat(output).contains("TCP listener 'default' failed to bind 127.0.0.1:" + port)
				.contains("set tcp.server.port");
		}
	}

	@Test
	void aPortInUseByANamedListenerNamesItsPortProperty(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.listeners.edge.host=127.0.0.1",
					"--tcp.server.listeners.edge.port=" + taken.getLocalPort(), "--spring.main.web-application-type=none"));
			assertThat(output).contains("TCP listener 'edge' failed to bind 127.0.0.1:" + taken.getLocalPort())
				.contains("set tcp.server.listeners.edge.port (environment variable TCP_SERVER_LISTENERS_EDGE_PORT)");
		}
	}

}
