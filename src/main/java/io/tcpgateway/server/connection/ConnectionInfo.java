package io.tcpgateway.server.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.TlsDetails;
import org.jspecify.annotations.Nullable;

/**
 * A connection as the reply logic sees it: the {@link ConnectionContext} of a Netty channel.
 * It reads what it shows from its connection instead of keeping copies, and makes its attribute
 * map on first use: an idle connection pays for one small object.
 */
final class ConnectionInfo implements ConnectionContext {

	private static final VarHandle ATTRIBUTES;

	static {
		try {
			ATTRIBUTES = MethodHandles.lookup().findVarHandle(ConnectionInfo.class, "attributes", Map.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final AdmittedConnection connection;

	@SuppressWarnings("unused") // written through ATTRIBUTES
	private volatile @Nullable Map<String, Object> attributes;

	private volatile @Nullable TlsDetails tls;

	/**
	 * Written by the thread binding a key, read by the event loop once the connection closes: set
	 * before the key is bound, so that a close at any moment lets go of what was bound.
	 */
	private volatile @Nullable String sessionKey;

	/** One bind at a time (overlapping requests on virtual threads): each lets the previous key go. */
	private final ReentrantLock binding = new ReentrantLock();

	ConnectionInfo(AdmittedConnection connection) {
		this.connection = connection;
	}

	@Override
	public String id() {
		return this.connection.id();
	}

	@Override
	public String listener() {
		return this.connection.settings().listener();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.connection.remoteAddress();
	}

	@Override
	public InetSocketAddress localAddress() {
		return (InetSocketAddress) channel().localAddress();
	}

	@Override
	public Instant openedAt() {
		return this.connection.stats().openedAt();
	}

	@Override
	public Charset charset() {
		return this.connection.settings().charset();
	}

	private Channel channel() {
		return this.connection.ctx().channel();
	}

	/** Read once the handshake is done; requests only come after it. */
	@Override
	public Optional<TlsDetails> tls() {
		TlsDetails details = this.tls;
		if (details == null) {
			SslHandler handler = channel().pipeline().get(SslHandler.class);
			if (handler == null || !handler.handshakeFuture().isSuccess()) {
				return Optional.empty();
			}
			details = details(handler.engine().getSession());
			this.tls = details;
		}
		return Optional.of(details);
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> map = this.attributes;
		if (map == null) {
			Map<String, Object> made = new ConcurrentHashMap<>();
			Object witness = ATTRIBUTES.compareAndExchange(this, null, made);
			@SuppressWarnings("unchecked")
			Map<String, Object> other = (Map<String, Object>) witness;
			map = (other != null) ? other : made;
		}
		return map;
	}

	private static TlsDetails details(SSLSession session) {
		List<X509Certificate> chain = new ArrayList<>();
		X500Principal principal = null;
		try {
			for (Certificate certificate : session.getPeerCertificates()) {
				if (certificate instanceof X509Certificate x509) {
					chain.add(x509);
				}
			}
			principal = (X500Principal) session.getPeerPrincipal();
		}
		catch (SSLPeerUnverifiedException ex) {
			// the client presented no certificate
		}
		return new TlsDetails(session.getProtocol(), session.getCipherSuite(), List.copyOf(chain), principal);
	}

	@Override
	public boolean bind(String key) {
		String invalid = SessionKeys.whyInvalid(key);
		if (invalid != null) {
			throw new IllegalArgumentException("invalid session key: " + invalid);
		}
		this.binding.lock();
		try {
			String previous = this.sessionKey;
			this.sessionKey = key;
			boolean bound = false;
			try {
				bound = this.connection.bind(key, previous);
			}
			finally {
				if (!bound) {
					this.sessionKey = previous;
				}
			}
			return bound;
		}
		finally {
			this.binding.unlock();
		}
	}

	@Override
	public Optional<String> sessionKey() {
		return Optional.ofNullable(this.sessionKey);
	}

	@Override
	public String toString() {
		return "Connection " + id() + " from " + remoteAddress();
	}

}
