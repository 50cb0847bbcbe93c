package io.tcpgateway.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Client-initiated TLS 1.2 renegotiation is refused on the JDK provider too, as OpenSSL
 * (BoringSSL) does by itself: otherwise one connection can make the server redo handshake after
 * handshake, counted as one and outside the per-client connection rate.
 * <p>
 * The JDK offers the refusal only JVM-wide, as the system property
 * {@value #PROPERTY}, read once, when the process's first TLS server handshake begins. It is
 * set here, before the first JDK listener's context is built, so it holds for the whole process
 * (Actuator over HTTPS too); server-initiated renegotiation is unaffected. A value the operator
 * set is kept: {@code false} is warned about.
 */
final class ClientRenegotiation {

	static final String PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

	private static final Log log = LogFactory.getLog(ClientRenegotiation.class);

	private ClientRenegotiation() {
	}

	/** @param property the property that names the listener's SSL bundle, for the warning */
	static void refuse(String property) {
		String value = System.getProperty(PROPERTY);
		if (value == null) {
			System.setProperty(PROPERTY, "true");
		}
		else if (!Boolean.parseBoolean(value)) {
			log.warn("-D" + PROPERTY + "=" + value + ": TLS 1.2 clients of the listener of " + property
					+ " may renegotiate, each new handshake on a connection counted as none; remove it to refuse them");
		}
	}

}
