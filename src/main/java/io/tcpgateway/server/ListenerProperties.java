package io.tcpgateway.server;

import java.time.Duration;
import java.util.List;

import io.tcpgateway.security.TlsProperties;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one TCP listener: where it binds, how it frames messages and its
 * per-connection limits. Everything needed to build one listener, and nothing shared.
 *
 * @param name the listener's name, used in logs, events and metrics tags
 * @param host the interface to bind
 * @param port the port to bind; 0 picks a free ephemeral port
 * @param backlog the accept queue length
 * @param codec the message framing
 * @param maxMessageSize the largest message payload in bytes, framing excluded; unset means 65536
 * or the codec's own limit if lower
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; zero means never
 * @param tcpNoDelay disable Nagle's algorithm on accepted connections
 * @param keepAlive enable TCP keep-alive probes on accepted connections
 * @param maxConnections the most connections open at once; 0 means no limit
 * @param writeTimeout close a connection whose client reads no reply for this long while
 * replies are waiting
 * @param allowedClients CIDR ranges of clients allowed to connect; empty allows all
 * @param ssl TLS settings
 * @param proxyProtocol whether the PROXY protocol header is expected
 */
public record ListenerProperties(String name, String host, int port, int backlog, Codec codec, @Nullable Integer maxMessageSize,
		boolean singleUse, Duration idleTimeout, boolean tcpNoDelay, boolean keepAlive, int maxConnections,
		Duration writeTimeout, List<String> allowedClients, TlsProperties ssl, ProxyProtocol proxyProtocol) {

	/** What {@code max-message-size} is when it is not set, unless the codec frames less. */
	static final int DEFAULT_MAX_MESSAGE_SIZE = 65536;

	/** The largest message payload: as set, or the default capped by what the codec can frame. */
	public int effectiveMaxMessageSize() {
		return (this.maxMessageSize != null) ? this.maxMessageSize
				: Math.min(DEFAULT_MAX_MESSAGE_SIZE, this.codec.maxPayload());
	}

}
