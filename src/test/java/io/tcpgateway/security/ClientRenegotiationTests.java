package io.tcpgateway.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM-wide switch behind the JDK provider's refusal of client renegotiation (a real client
 * is refused in {@code TlsTests}): set when the operator left it unset, kept when they set it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientRenegotiationTests {

	private String before;

	@BeforeEach
	void remember() {
		this.before = System.getProperty(ClientRenegotiation.PROPERTY);
	}

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(ClientRenegotiation.PROPERTY);
		}
		else {
			System.setProperty(ClientRenegotiation.PROPERTY, this.before);
		}
	}

	@Test
	void unsetItBecomesTrueSilently(CapturedOutput output) {
		System.clearProperty(ClientRenegotiation.PROPERTY);
		ClientRenegotiation.refuse("tcp.server.ssl.bundle");
		assertThat(System.getProperty(ClientRenegotiation.PROPERTY)).isEqualTo("true");
		assertThat(output.toString()).doesNotContain(ClientRenegotiation.PROPERTY);
	}

	@Test
	void anOperatorsFalseIsKeptAndWarnedAboutNamingTheListener(CapturedOutput output) {
		System.setProperty(ClientRenegotiation.PROPERTY, "false");
		ClientRenegotiation.refuse("tcp.server.listeners.edge.ssl.bundle");
		assertThat(System.getProperty(ClientRenegotiation.PROPERTY)).isEqualTo("false");
		assertThat(output.toString()).contains("WARN")
			.contains("-Djdk.tls.rejectClientInitiatedRenegotiation=false")
			.contains("tcp.server.listeners.edge.ssl.bundle");
	}

}
