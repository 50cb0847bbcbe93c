package io.tcpgateway.server.config;

import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.TlsProvider;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of a listener, as written ({@code null} when unset); a named listener inherits
 * each key on its own (see {@link ListenerProperties#inheriting}).
 *
 * @param bundle the name of a Spring Boot SSL bundle (spring.ssl.bundle.pem.NAME or
 * spring.ssl.bundle.jks.NAME); unset means plain TCP
 * @param clientAuth none, want or need a client certificate (mutual TLS)
 * @param provider the TLS implementation: auto (the JDK's TLS, which keeps the reply guarantee for
 * a client that half-closes), jdk, or openssl (BoringSSL, required: startup fails where it does
 * not load)
 */
public record TlsProperties(@Nullable String bundle, @Nullable ClientAuth clientAuth,
		@Nullable TlsProvider provider) {

	/** What a key set nowhere means: no bundle, no client certificate, the JDK's TLS. */
	static final TlsProperties DEFAULTS = new TlsProperties(null, ClientAuth.NONE, TlsProvider.AUTO);

	/** These settings, with each key left unset taken from {@code parent}. */
	TlsProperties inheriting(TlsProperties parent) {
		return new TlsProperties(ListenerProperties.or(this.bundle, parent.bundle),
				ListenerProperties.or(this.clientAuth, parent.clientAuth),
				ListenerProperties.or(this.provider, parent.provider));
	}

}
