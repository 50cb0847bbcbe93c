package io.tcpgateway.server;

import java.time.Duration;
import java.util.List;

import io.tcpgateway.security.TlsProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A listener beside the default one, bound from {@code tcp.server.listeners.<name>.*}. Its
 * port is required; every other setting left unset takes the value set directly under
 * {@code tcp.server} (or that one's default).
 *
 * @param host the interface to bind
 * @param port the port to bind
 * @param backlog the accept queue length
 * @param codec the message framing
 * @param maxMessageSize the largest message payload in bytes
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; 0 means never
 * @param tcpNoDelay disable Nagle's algorithm
 * @param keepAlive enable TCP keep-alive probes
 * @param maxConnections the most connections open at once; 0 means no limit
 * @param writeTimeout close a connection whose client reads no reply for this long
 * @param allowedClients CIDR ranges of clients allowed to connect
 * @param ssl TLS from a Spring Boot SSL bundle
 * @param proxyProtocol off, v1, v2 or optional
 */
public record NamedListenerProperties(@Nullable String host,
		@NotNull(message = "is required for a listener") @Min(value = 0, message = "must be between 0 and 65535")
		@Max(value = 65535, message = "must be between 0 and 65535") Integer port,
		@Nullable @Min(value = 1, message = "must be at least 1") Integer backlog, @Nullable Codec codec,
		@Nullable @Min(value = 1, message = "must be at least 1 (bytes)") Integer maxMessageSize,
		@Nullable Boolean singleUse, @Nullable Duration idleTimeout, @Nullable Boolean tcpNoDelay,
		@Nullable Boolean keepAlive, @Nullable @Min(value = 0, message = "must be 0 (no limit) or more") Integer maxConnections,
		@Nullable Duration writeTimeout, @Nullable List<String> allowedClients, @Nullable TlsProperties ssl,
		@Nullable ProxyProtocol proxyProtocol) {

	/** This listener's settings, with what it leaves unset taken from {@code defaults}. */
	ListenerProperties resolve(String name, ListenerProperties defaults) {
		return new ListenerProperties(name, or(this.host, defaults.host()), this.port,
				or(this.backlog, defaults.backlog()), or(this.codec, defaults.codec()),
				(this.maxMessageSize != null) ? this.maxMessageSize : defaults.maxMessageSize(), or(this.singleUse, defaults.singleUse()),
				or(this.idleTimeout, defaults.idleTimeout()), or(this.tcpNoDelay, defaults.tcpNoDelay()),
				or(this.keepAlive, defaults.keepAlive()), or(this.maxConnections, defaults.maxConnections()),
				or(this.writeTimeout, defaults.writeTimeout()), or(this.allowedClients, defaults.allowedClients()),
				or(this.ssl, defaults.ssl()), or(this.proxyProtocol, defaults.proxyProtocol()));
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
