package io.tcpgateway.reply;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The connection a request came on: who is asking, over which listener and TLS session, and
 * the connection's own attributes, which live until it closes (a login, a session, a counter).
 * In Spring Integration it travels with every message as the header
 * {@value Request#CONNECTION_HEADER}.
 */
public interface ConnectionContext {

	/** The connection id, as Spring Integration's {@code ip_connectionId} header and the connections endpoint show it. */
	String id();

	/** The listener's name: {@code default}, or its name under {@code tcp.server.listeners}. */
	String listener();

	/** The real client: the TCP peer, or the address a trusted PROXY header named. */
	InetSocketAddress remoteAddress();

	/**
	 * The real client as {@code ip:port}, an IPv6 address in brackets ({@code [2001:db8::7]:50999}),
	 * as {@code WHOAMI} and the access log write it.
	 */
	default String remoteEndpoint() {
		InetSocketAddress address = remoteAddress();
		String ip = address.getAddress().getHostAddress();
		return ((address.getAddress() instanceof Inet6Address) ? "[" + ip + "]" : ip) + ":" + address.getPort();
	}

	/** The listener's address the client connected to. */
	InetSocketAddress localAddress();

	/** When the connection was accepted. */
	Instant openedAt();

	/** The listener's {@code tcp.server.charset}, which request text is decoded and reply text encoded with. */
	Charset charset();

	/** The TLS session once its handshake is done; empty on plain TCP. */
	Optional<TlsDetails> tls();

	/**
	 * This connection's attributes: thread-safe, empty at first, gone when the connection closes.
	 */
	Map<String, Object> attributes();

	/**
	 * Binds this connection to a session key (a device id, a terminal id) for as long as it is
	 * open, so that frames can be pushed to it by key ({@code TcpPush.toSession}). A key is bound
	 * to one connection at a time: by default a new connection binding a key another one holds
	 * takes it, and the other is closed (cause {@code replaced}); with
	 * {@code tcp.server.sessions.on-conflict=reject} the new one is refused instead. Binding
	 * another key gives up this connection's first one.
	 * @param key at most {@value #MAX_SESSION_KEY} characters, no control characters
	 * @return whether the key is bound to this connection now
	 * @throws IllegalArgumentException for an empty, too long or unprintable key
	 */
	boolean bind(String key);

	/** The session key this connection is bound to, if any. */
	Optional<String> sessionKey();

	/** The longest session key, in characters. */
	int MAX_SESSION_KEY = 256;

}
