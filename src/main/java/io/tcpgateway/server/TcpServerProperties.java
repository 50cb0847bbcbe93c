package io.tcpgateway.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tcpgateway.security.TlsProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the TCP server, bound from {@code tcp.server.*}.
 *
 * @param host the interface to bind
 * @param port the port to bind; 0 picks a free ephemeral port (logged once bound)
 * @param backlog the accept queue length
 * @param codec the message framing: lf, crlf, length-header-1, length-header-2, length-header-4,
 * stx-etx or null
 * @param maxMessageSize the largest message payload in bytes, framing excluded (a length-header-1
 * or -2 codec caps it at 255 or 65535)
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; 0 means never
 * @param eventLoopThreads Netty I/O threads; 0 means one per CPU core
 * @param workerThreads threads that run the reply service; 0 runs it on the I/O threads (fastest,
 * for services that never block); each connection's order is kept either way
 * @param transport the Netty transport: auto (epoll where available), epoll or nio
 * @param tcpNoDelay disable Nagle's algorithm on accepted connections
 * @param keepAlive enable TCP keep-alive probes on accepted connections
 * @param maxConnections the most connections open at once; one more is answered
 * {@code ERR server busy} and closed; 0 means no limit
 * @param workerQueue with worker threads, the most requests waiting for a worker; one more is
 * answered {@code ERR server busy}
 * @param writeTimeout close a connection whose client reads no reply for this long while
 * replies are waiting (reading from it stops meanwhile)
 * @param allowedClients CIDR ranges (IPv4, IPv6) of clients allowed to connect; empty allows all
 * @param ssl TLS from a Spring Boot SSL bundle
 * @param proxyProtocol off, v1, v2 or optional: the PROXY protocol header a load balancer sends
 * @param shutdownDelay on shutdown, how long to keep accepting connections after readiness has
 * turned DOWN, so a load balancer stops routing first; 0 stops accepting at once
 * @param listeners more listeners by name ({@code tcp.server.listeners.<name>.*}), beside the
 * default one
 */
@ConfigurationProperties("tcp.server")
@Validated
public record TcpServerProperties(
		@DefaultValue("0.0.0.0") @NotBlank String host,
		@DefaultValue("9000") @Min(value = 0, message = "must be between 0 and 65535") @Max(value = 65535,
				message = "must be between 0 and 65535") int port,
		@DefaultValue("1024") @Min(value = 1, message = "must be at least 1") int backlog,
		@DefaultValue("lf") @NotNull Codec codec,
		@Nullable @Min(value = 1, message = "must be at least 1 (bytes)") Integer maxMessageSize,
		@DefaultValue("false") boolean singleUse,
		@DefaultValue("0s") @NotNull Duration idleTimeout,
		@DefaultValue("0") @Min(value = 0, message = "must be 0 (one per CPU core) or more") int eventLoopThreads,
		@DefaultValue("0") @Min(value = 0, message = "must be 0 (run on the I/O threads) or more") int workerThreads,
		@DefaultValue("auto") @NotNull Transport transport,
		@DefaultValue("true") boolean tcpNoDelay,
		@DefaultValue("true") boolean keepAlive,
		@DefaultValue("0") @Min(value = 0, message = "must be 0 (no limit) or more") int maxConnections,
		@DefaultValue("10000") @Min(value = 1, message = "must be at least 1") int workerQueue,
		@DefaultValue("30s") @NotNull Duration writeTimeout,
		@DefaultValue List<String> allowedClients,
		@DefaultValue TlsProperties ssl,
		@DefaultValue("off") @NotNull ProxyProtocol proxyProtocol,
		@DefaultValue("0s") @NotNull Duration shutdownDelay,
		@DefaultValue Map<String, @Valid NamedListenerProperties> listeners) {

	/** The name of the listener configured directly under {@code tcp.server}. */
	public static final String DEFAULT_LISTENER = "default";

	public TcpServerProperties {
		if (idleTimeout != null && idleTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"tcp.server.idle-timeout must be 0 (no timeout) or a positive duration, was " + idleTimeout);
		}
		if (writeTimeout != null && (writeTimeout.isNegative() || writeTimeout.isZero())) {
			throw new IllegalArgumentException(
					"tcp.server.write-timeout must be a positive duration, was " + writeTimeout);
		}
		if (shutdownDelay != null && shutdownDelay.isNegative()) {
			throw new IllegalArgumentException(
					"tcp.server.shutdown-delay must be 0 (stop accepting at once) or positive, was " + shutdownDelay);
		}
		if (listeners != null && listeners.containsKey(DEFAULT_LISTENER)) {
			throw new IllegalArgumentException("tcp.server.listeners." + DEFAULT_LISTENER
					+ " is reserved: configure the default listener directly under tcp.server");
		}
	}

	/** The listener configured directly under {@code tcp.server}. */
	public ListenerProperties defaultListener() {
		return new ListenerProperties(DEFAULT_LISTENER, this.host, this.port, this.backlog, this.codec,
				this.maxMessageSize, this.singleUse, this.idleTimeout, this.tcpNoDelay, this.keepAlive, this.maxConnections,
				this.writeTimeout, this.allowedClients, this.ssl, this.proxyProtocol);
	}

	/** Every listener: the default one first, then those under {@code tcp.server.listeners}. */
	public List<ListenerProperties> allListeners() {
		ListenerProperties defaults = defaultListener();
		List<ListenerProperties> all = new ArrayList<>(List.of(defaults));
		new TreeMap<>(this.listeners).forEach((name, named) -> all.add(named.resolve(name, defaults)));
		return all;
	}

	/** The number of I/O threads to start. */
	public int effectiveEventLoopThreads() {
		return (this.eventLoopThreads > 0) ? this.eventLoopThreads : Runtime.getRuntime().availableProcessors();
	}

}
