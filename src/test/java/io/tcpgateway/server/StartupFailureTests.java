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

/** A bad setting or a port in use stops the application at startup, with a message that says why. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@Test
	void anUnknownCodecNamesThePropertyAndTheAllowedValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.codec=morse"));
		assertThat(output).contains("tcp.server.codec", "morse")
			.contains("LF", "CRLF", "LENGTH_HEADER_1", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "STX_ETX", "NUL")
			.contains("allowed values: lf, crlf, length-header-1, length-header-2, length-header-4, stx-etx, nul, raw, mllp, "
					+ "length-field, fixed-length, delimiter "
					+ "(or \"null\")");
	}

	@Test
	void aPortOutOfRangeNamesThePropertyAndTheRange(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.port=70000"));
		assertThat(output).contains("tcp.server.port", "70000", "must be between 0 and 65535");
	}

	@Test
	void aNegativeSizeNamesTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.max-message-size=-1"));
		assertThat(output).contains("tcp.server.max-message-size", "must be at least 1");
	}

	@Test
	void sharedThreadSettingsOutOfRangeNameThePropertyAndWhatIsAllowed(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.event-loop-threads=-1"));
		assertThat(output).contains("tcp.server.event-loop-threads must be 0 (one per CPU core) or more, was -1",
				"TCP_SERVER_EVENTLOOPTHREADS");
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.worker-queue=0"));
		assertThat(output).contains("tcp.server.worker-queue must be at least 1, was 0");
	}

	@Test
	void aNegativeIdleTimeoutNamesThePropertyAndWhatIsAllowed(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.idle-timeout=-5s"));
		assertThat(output).contains("tcp.server.idle-timeout must be 0 (no timeout) or a positive duration");
	}

	@Test
	void anUnknownTransportNamesTheAllowedValues(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.transport=iouring"));
		assertThat(output).contains("tcp.server.transport", "AUTO", "EPOLL", "NIO");
	}

	@Test
	void anUnresolvableHostSaysSo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.host=not.a.host.invalid",
				"--spring.main.web-application-type=none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("tcp.server.host is 'not.a.host.invalid', which is neither an IP address nor a host name")
			.doesNotContain("another process");
	}

	@Test
	void anInvalidAllowedClientsEntryGetsTheShortFailureDescription(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.allowed-clients=10.0.0.0/8,10.1.2.300",
				"--spring.main.web-application-type=none"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("tcp.server.allowed-clients has an invalid entry '10.1.2.300'")
			.contains("TCP_SERVER_ALLOWEDCLIENTS")
			.doesNotContain("BeanCreationException");
	}

	@Test
	void aMaximumSizeTheCodecCannotFrameNamesBothProperties(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningServer.start("--tcp.server.codec=length-header-1",
				"--tcp.server.max-message-size=1000", "--spring.main.web-application-type=none"));
		assertThat(output).contains("tcp.server.max-message-size is 1000, more than tcp.server.codec=length-header-1 "
				+ "can frame (at most 255 bytes)");
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

}
