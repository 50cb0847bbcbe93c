package io.tcpgateway.server.config;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.proxy.ProxyProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of one listener, declared once for every listener: bound from
 * {@code tcp.server.*} for the default listener, and from
 * {@code tcp.server.listeners.<name>.*} for a named one, where each key left unset takes the
 * default listener's value (see {@link ListenerPropertySource}). {@link ListenerSettingsResolver}
 * validates them, the same way for every listener.
 *
 * @param host the interface to bind
 * @param port the port to bind (default 9000); 0 picks a free ephemeral port; required for a
 * named listener and never inherited
 * @param backlog the accept queue length
 * @param codec the message framing: lf, crlf, length-header-1, length-header-2, length-header-4,
 * stx-etx or nul
 * @param maxMessageSize the largest message payload in bytes, framing excluded (default 65536, or
 * 255 and 65535 for length-header-1 and -2)
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; 0 means never
 * @param tcpNoDelay disable Nagle's algorithm on accepted connections
 * @param keepAlive enable TCP keep-alive probes on accepted connections
 * @param maxConnections the most connections open at once; one more is answered
 * {@code ERR server busy} and closed; 0 means no limit
 * @param writeTimeout close a connection whose client reads no reply for this long while replies
 * are waiting (reading from it stops meanwhile)
 * @param allowedClients CIDR ranges (IPv4, IPv6) of clients allowed to connect; empty allows all
 * @param ssl TLS from a Spring Boot SSL bundle
 * @param proxyProtocol off, v1, v2 or optional: the PROXY protocol header a load balancer sends
 * @param trustedProxies CIDR ranges of the load balancers whose PROXY header is honoured; required
 * when proxy-protocol is not off ({@code 0.0.0.0/0,::/0} trusts every peer)
 * @param handshakeTimeout how long a connection may take from accept until its PROXY header and
 * TLS handshake are done
 * @param maxConnectionsPerClient the most connections one client (IPv4 address, IPv6 /64) may have
 * open; one more is answered {@code ERR server busy} and closed; 0 means no limit
 * @param maxConnectionRatePerClient new connections per second one client may open (a burst of
 * as many); 0 means no limit
 * @param maxTrackedClients the most clients the per-client limits track at once; when all of them
 * have connections open, a new client is served untracked (counted in
 * {@code tcp.server.clients.untracked})
 * @param charset what request text is decoded and reply text encoded with
 * @param greeting text sent once when a connection opens, before any request (for protocols where
 * the server speaks first, such as {@code 220 ready}); unset sends none
 * @param accessLog log one line per closed connection on the logger {@code io.tcpgateway.access}
 */
@ConfigurationProperties("tcp.server")
public record ListenerProperties(@DefaultValue("0.0.0.0") String host, @Nullable Integer port,
		@DefaultValue("1024") int backlog, @DefaultValue("lf") Codec codec, @Nullable Integer maxMessageSize,
		@DefaultValue("false") boolean singleUse, @DefaultValue("0s") Duration idleTimeout,
		@DefaultValue("true") boolean tcpNoDelay, @DefaultValue("true") boolean keepAlive,
		@DefaultValue("0") int maxConnections, @DefaultValue("30s") Duration writeTimeout,
		@DefaultValue List<String> allowedClients, @DefaultValue TlsProperties ssl,
		@DefaultValue("off") ProxyProtocol proxyProtocol, @DefaultValue List<String> trustedProxies,
		@DefaultValue("10s") Duration handshakeTimeout, @DefaultValue("0") int maxConnectionsPerClient,
		@DefaultValue("0") int maxConnectionRatePerClient, @DefaultValue("65536") int maxTrackedClients,
		@DefaultValue("UTF-8") Charset charset,
		@Nullable String greeting, @DefaultValue("false") boolean accessLog) {

	/** The default listener's port when {@code tcp.server.port} is not set. */
	static final int DEFAULT_PORT = 9000;

	/** {@code max-message-size} when it is not set, unless the codec frames less. */
	static final int DEFAULT_MAX_MESSAGE_SIZE = 65536;

}
