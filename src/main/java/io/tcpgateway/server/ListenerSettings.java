package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;

import io.tcpgateway.security.ServerTls;
import io.tcpgateway.server.admission.AdmissionPolicy;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.connection.ConnectionSettings;
import io.tcpgateway.server.proxy.ProxyProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The resolved and validated settings of one listener: everything needed to build it, nothing
 * shared. Made from {@code tcp.server.*} (and a named listener's own keys) in one place, the
 * configuration package; the server takes them as they are.
 *
 * @param name the listener's name, used in logs, events and metrics tags
 * @param address where to bind, resolved; port 0 picks a free ephemeral port
 * @param backlog the accept queue length
 * @param codec the message framing
 * @param maxMessageSize the largest message payload in bytes, framing excluded
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; zero means never
 * @param tcpNoDelay disable Nagle's algorithm on accepted connections
 * @param keepAlive enable TCP keep-alive probes on accepted connections
 * @param writeTimeout close a connection whose client reads no reply for this long while
 * replies are waiting
 * @param tls the listener's TLS, or {@code null} for plain TCP
 * @param proxyProtocol whether the PROXY protocol header is expected
 * @param admission who is let in, and how many
 * @param charset what request text is decoded and reply text encoded with
 * @param greeting text sent once when a connection opens, before any request; {@code null} for none
 * @param accessLog whether each closed connection is logged on {@code io.tcpgateway.access}
 * @param maxPendingPushes the frames pushed to a connection and not yet written it may hold
 * @param maxPendingReplyBytes the bytes of replies a connection may have waiting for its client
 * before it stops taking requests
 * @param bareLineReplies how replies to a line that ended with a bare LF are framed
 * @param httpPush whether pushes over HTTP may reach this listener's connections
 */
public record ListenerSettings(String name, InetSocketAddress address, int backlog, Codec codec, int maxMessageSize,
		boolean singleUse, Duration idleTimeout, boolean tcpNoDelay, boolean keepAlive, Duration writeTimeout,
		@Nullable ServerTls tls, ProxyProtocol proxyProtocol, AdmissionPolicy admission, Charset charset,
		@Nullable String greeting, boolean accessLog, int maxPendingPushes, int maxPendingReplyBytes,
		Codec bareLineReplies, boolean httpPush) {

	/** The interface to bind, as configured. */
	public String host() {
		return this.address.getHostString();
	}

	/** The configured port; 0 until bound means ephemeral. */
	public int port() {
		return this.address.getPort();
	}

	/** What this listener's connections need of these settings. */
	public ConnectionSettings connectionSettings(Duration requestTimeout) {
		return new ConnectionSettings(this.name, this.codec, this.charset, this.maxMessageSize, this.singleUse,
				this.idleTimeout, this.writeTimeout, requestTimeout, this.tls != null, this.proxyProtocol != ProxyProtocol.OFF,
				this.greeting, this.accessLog, this.maxPendingPushes, this.bareLineReplies);
	}

}
