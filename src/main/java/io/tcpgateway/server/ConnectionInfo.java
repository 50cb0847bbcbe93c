package io.tcpgateway.server;

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

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.TlsDetails;
import org.jspecify.annotations.Nullable;

/** A connection as the reply logic sees it: the {@link ConnectionContext} of a Netty channel. */
final class ConnectionInfo implements ConnectionContext {

	private final String id;

	private final String listener;

	private final InetSocketAddress remoteAddress;

	private final Channel channel;

	private final Instant openedAt;

	private final Charset charset;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private volatile @Nullable TlsDetails tls;

	ConnectionInfo(String id, String listener, InetSocketAddress remoteAddress, Channel channel, Instant openedAt,
			Charset charset) {
		this.id = id;
		this.listener = listener;
		this.remoteAddress = remoteAddress;
		this.channel = channel;
		this.openedAt = openedAt;
		this.charset = charset;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String listener() {
		return this.listener;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public InetSocketAddress localAddress() {
		return (InetSocketAddress) this.channel.localAddress();
	}

	@Override
	public Instant openedAt() {
		return this.openedAt;
	}

	@Override
	public Charset charset() {
		return this.charset;
	}

	/** Read once the handshake is done; requests only come after it. */
	@Override
	public Optional<TlsDetails> tls() {
		TlsDetails details = this.tls;
		if (details == null) {
			SslHandler handler = this.channel.pipeline().get(SslHandler.class);
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
		return this.attributes;
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
	public String toString() {
		return "Connection " + this.id + " from " + this.remoteAddress;
	}

}
