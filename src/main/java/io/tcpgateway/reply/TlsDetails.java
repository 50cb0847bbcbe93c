package io.tcpgateway.reply;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * A connection's TLS session.
 *
 * @param protocol such as {@code TLSv1.3}
 * @param cipherSuite such as {@code TLS_AES_256_GCM_SHA384}
 * @param peerCertificates the client's certificate chain, its own first; empty when it presented none
 * @param peerPrincipal the client certificate's subject, or {@code null} when it presented none
 */
public record TlsDetails(String protocol, String cipherSuite, List<X509Certificate> peerCertificates,
		@Nullable X500Principal peerPrincipal) {

	/** The client certificate's subject as an RFC 2253 name ({@code CN=client,O=Example}), if it presented one. */
	public Optional<String> peerSubject() {
		return Optional.ofNullable(this.peerPrincipal).map(X500Principal::getName);
	}

}
