package io.tcpgateway.server.config;

import io.tcpgateway.security.ClientAuth;
import io.tcpgateway.security.TlsProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS settings of a listener; a named listener inherits each key on its own.
 *
 * @param bundle the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>} or
 * {@code .jks.<name>}); unset means plain TCP
 * @param clientAuth none, want or need a client certificate (mutual TLS)
 * @param provider the TLS implementation: OpenSSL (BoringSSL) where it loads, the JDK's, or
 * OpenSSL required
 */
public record TlsProperties(@Nullable String bundle, @DefaultValue("none") ClientAuth clientAuth,
		@DefaultValue("auto") TlsProvider provider) {
}
