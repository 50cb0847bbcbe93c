package io.tcpgateway.security;

import org.jspecify.annotations.Nullable;

/**
 * TLS settings of a listener.
 *
 * @param bundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
 * {@code .jks.<name>}); unset means plain TCP
 * @param clientAuth none, want or need a client certificate (mutual TLS)
 */
public record TlsProperties(@Nullable String bundle, ClientAuth clientAuth) {

	public TlsProperties {
		if (clientAuth == null) {
			clientAuth = ClientAuth.NONE;
		}
		if ((bundle == null || bundle.isBlank()) && clientAuth != ClientAuth.NONE) {
			throw new IllegalArgumentException("tcp.server.ssl.client-auth=" + clientAuth.name().toLowerCase()
					+ " needs tcp.server.ssl.bundle to name an SSL bundle");
		}
	}

	public boolean enabled() {
		return this.bundle != null && !this.bundle.isBlank();
	}

}
