package io.tcpgateway.server.config;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.server.codec.CodecKind;
import io.tcpgateway.server.codec.LineEnding;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one listener, as written: bound by Spring Boot from {@code tcp.server.*} for
 * the default listener and from {@code tcp.server.listeners.<name>.*} for each named one
 * ({@link TcpServerProperties#listeners()}). A key left unset is {@code null} here, so that
 * {@link #inheriting} can fill it in: a named listener from the default listener, the default
 * listener from {@link #DEFAULTS}. {@link ListenerSettingsResolver} then validates the result,
 * the same way for every listener.
 * <p>
 * A new per-listener key is added here and nowhere else in code but its check: a component with
 * its {@code @param} (the IDE's description), its default in {@link #DEFAULTS}, a {@code null}
 * in {@link #UNSET} and its line in {@link #inheriting} (the compiler asks for all three), and
 * its check in {@link ListenerSettingsResolver}. Tests then ask for its docs: the same default
 * in {@code META-INF/additional-spring-configuration-metadata.json}, a row in README's
 * configuration table and its name under "Several listeners" (ConfigurationMetadataTests), and a
 * value in every-key.yml (YamlBindingTests).
 *
 * @param host the interface to bind (default 0.0.0.0)
 * @param port the port to bind (default 9000); 0 picks a free ephemeral port; required for a
 * named listener and never inherited
 * @param backlog the accept queue length
 * @param codec the message framing: lf, crlf, length-header-1, length-header-2, length-header-4,
 * stx-etx, nul ("null" works too), mllp, raw, length-field, fixed-length or delimiter
 * @param maxMessageSize the largest message payload in bytes, framing excluded (default 65536, or
 * less when the codec frames less, such as 255 and 65535 for length-header-1 and -2)
 * @param singleUse reply once, then close the connection
 * @param idleTimeout close a connection that completes no message for this long; 0 means never
 * @param tcpNoDelay disable Nagle's algorithm on accepted connections
 * @param keepAlive enable TCP keep-alive probes on accepted connections
 * @param maxConnections the most connections open at once; one more is answered "ERR server busy"
 * and closed (a TLS client is closed without a reply); 0 means no limit
 * @param writeTimeout close a connection whose client reads no reply for this long while replies
 * are waiting (reading from it stops meanwhile)
 * @param allowedClients CIDR ranges (IPv4, IPv6) of clients allowed to connect; empty allows all
 * @param ssl TLS from a Spring Boot SSL bundle
 * @param proxyProtocol off, v1, v2 or optional: the PROXY protocol header a load balancer sends
 * @param trustedProxies CIDR ranges of the load balancers whose PROXY header is honoured; required
 * when proxy-protocol is not off (0.0.0.0/0,::/0 trusts every peer)
 * @param handshakeTimeout how long a connection may take from accept until its PROXY header and
 * TLS handshake are done
 * @param maxConnectionsPerClient the most connections one client (IPv4 address, IPv6 /64) may have
 * open; one more is answered "ERR server busy" and closed (a TLS client is closed without a
 * reply); 0 means no limit
 * @param maxConnectionRatePerClient new connections per second one client may open (a burst of
 * as many); 0 means no limit
 * @param maxTrackedClients the most clients the per-client limits track at once; when all of them
 * have connections open, a new client is served untracked (counted in
 * tcp.server.clients.untracked)
 * @param charset what request text is decoded and reply text encoded with
 * @param greeting text sent once when a connection opens, before any request (for protocols where
 * the server speaks first, such as "220 ready"); unset sends none
 * @param accessLog log one line per closed connection on the logger io.tcpgateway.access
 * @param replyService the name of the ReplyService bean that answers this listener's requests;
 * unset means the application's only (or primary) ReplyService
 * @param maxPendingPushes the frames pushed to one connection and not yet written it may hold;
 * a push past it is refused
 * @param maxPendingReplyBytes the replies one connection may have waiting for a client that does
 * not read them; past it, the connection takes no more requests until the client reads (and
 * write-timeout closes it if it never does)
 * @param lineEnding with the lf codec, how reply lines end: request (as the request they answer
 * ended: CRLF after CRLF, LF after a bare LF), crlf or lf
 * @param httpPush whether pushes over HTTP (POST /actuator/tcpsessions/{key} and
 * /actuator/tcpconnections/{id}, once their write access is on) may reach this listener's
 * connections; false answers them 403
 * @param lengthField the length-field codec's settings
 * @param fixedLength with the fixed-length codec, the size of every message in bytes
 * @param delimiter with the delimiter codec, the bytes that end every message, in hex (such as
 * 0d0a or 7e)
 */
@ConfigurationProperties("tcp.server")
public record ListenerProperties(@Nullable String host, @Nullable Integer port, @Nullable Integer backlog,
		@Nullable CodecKind codec, @Nullable Integer maxMessageSize, @Nullable Boolean singleUse,
		@Nullable Duration idleTimeout, @Nullable Boolean tcpNoDelay, @Nullable Boolean keepAlive,
		@Nullable Integer maxConnections, @Nullable Duration writeTimeout, @Nullable List<String> allowedClients,
		@NestedConfigurationProperty @Nullable TlsProperties ssl, @Nullable ProxyProtocol proxyProtocol,
		@Nullable List<String> trustedProxies, @Nullable Duration handshakeTimeout,
		@Nullable Integer maxConnectionsPerClient, @Nullable Integer maxConnectionRatePerClient,
		@Nullable Integer maxTrackedClients, @Nullable Charset charset, @Nullable String greeting, @Nullable Boolean accessLog,
		@Nullable String replyService, @Nullable Integer maxPendingPushes, @Nullable DataSize maxPendingReplyBytes,
		@Nullable LineEnding lineEnding, @Nullable Boolean httpPush,
		@NestedConfigurationProperty @Nullable LengthFieldProperties lengthField,
		@Nullable Integer fixedLength, @Nullable String delimiter) {

	/**
	 * What a key set nowhere means (README's defaults). The port, max-message-size, greeting,
	 * ssl.bundle and reply-service have none: {@link ListenerSettingsResolver} decides what
	 * their absence means.
	 */
	static final ListenerProperties DEFAULTS = new ListenerProperties("0.0.0.0", null, 1024, CodecKind.LF, null, false,
			Duration.ZERO, true, true, 0, Duration.ofSeconds(30), List.of(), TlsProperties.DEFAULTS, ProxyProtocol.OFF,
			List.of(), Duration.ofSeconds(10), 0, 0, 65_536, StandardCharsets.UTF_8, null, false, null,
			32, DataSize.ofKilobytes(64), LineEnding.REQUEST, true, LengthFieldProperties.DEFAULTS, null, null);

	/** No key set: how a named listener that sets only unknown keys binds (and needs its port). */
	private static final ListenerProperties UNSET = new ListenerProperties(null, null, null, null, null, null, null,
			null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

	/** The default listener's port when {@code tcp.server.port} is not set. */
	static final int DEFAULT_PORT = 9000;

	/** {@code max-message-size} when it is not set, unless the codec frames less. */
	static final int DEFAULT_MAX_MESSAGE_SIZE = 65536;

	/**
	 * Each listener's settings with every key filled in: the default listener's from
	 * {@link #DEFAULTS}, each named listener's from the default listener's.
	 * @param names the default listener, then the named ones (see {@link TcpListenerNames})
	 */
	static Map<String, ListenerProperties> ofEachListener(List<String> names, ListenerProperties defaultListener,
			Map<String, ListenerProperties> named) {
		ListenerProperties defaults = defaultListener.inheriting(DEFAULTS);
		Map<String, ListenerProperties> all = new LinkedHashMap<>();
		for (String name : names) {
			all.put(name, ListenerView.DEFAULT.equals(name) ? defaults
					: named.getOrDefault(name, UNSET).inheriting(defaults));
		}
		return all;
	}

	/**
	 * These settings, with each key left unset taken from {@code parent}, key by key: a listener
	 * that sets only {@code ssl.bundle} keeps the parent's {@code ssl.client-auth}; a list is taken
	 * whole; the port is never taken.
	 */
	ListenerProperties inheriting(ListenerProperties parent) {
		return new ListenerProperties(or(this.host, parent.host), this.port, or(this.backlog, parent.backlog),
				or(this.codec, parent.codec), or(this.maxMessageSize, parent.maxMessageSize),
				or(this.singleUse, parent.singleUse), or(this.idleTimeout, parent.idleTimeout),
				or(this.tcpNoDelay, parent.tcpNoDelay), or(this.keepAlive, parent.keepAlive),
				or(this.maxConnections, parent.maxConnections), or(this.writeTimeout, parent.writeTimeout),
				or(this.allowedClients, parent.allowedClients),
				(this.ssl != null && parent.ssl != null) ? this.ssl.inheriting(parent.ssl) : or(this.ssl, parent.ssl),
				or(this.proxyProtocol, parent.proxyProtocol), or(this.trustedProxies, parent.trustedProxies),
				or(this.handshakeTimeout, parent.handshakeTimeout),
				or(this.maxConnectionsPerClient, parent.maxConnectionsPerClient),
				or(this.maxConnectionRatePerClient, parent.maxConnectionRatePerClient),
				or(this.maxTrackedClients, parent.maxTrackedClients), or(this.charset, parent.charset),
				or(this.greeting, parent.greeting), or(this.accessLog, parent.accessLog),
				or(this.replyService, parent.replyService), or(this.maxPendingPushes, parent.maxPendingPushes),
				or(this.maxPendingReplyBytes, parent.maxPendingReplyBytes), or(this.lineEnding, parent.lineEnding),
				or(this.httpPush, parent.httpPush),
				(this.lengthField != null && parent.lengthField != null) ? this.lengthField.inheriting(parent.lengthField)
						: or(this.lengthField, parent.lengthField),
				or(this.fixedLength, parent.fixedLength), or(this.delimiter, parent.delimiter));
	}

	static <T> @Nullable T or(@Nullable T own, @Nullable T inherited) {
		return (own != null) ? own : inherited;
	}

}
