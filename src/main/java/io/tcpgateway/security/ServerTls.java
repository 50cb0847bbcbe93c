package io.tcpgateway.security;

import java.util.List;

import javax.net.ssl.SSLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * A listener's TLS: a Netty server SSL context built from a Spring Boot SSL bundle. TLS 1.3 and
 * 1.2 only, unless the bundle's {@code options.enabled-protocols} says otherwise; the bundle's
 * {@code options.ciphers} are honoured. When the bundle reloads ({@code reload-on-update}), new
 * connections get a context built from the new certificate; open ones keep theirs. A client's
 * TLS 1.2 renegotiation is refused with either provider ({@link ClientRenegotiation}).
 */
public final class ServerTls {

	private static final Log log = LogFactory.getLog(ServerTls.class);

	static final String[] DEFAULT_PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private final String property;

	private final String bundleName;

	private final ClientAuth clientAuth;

	private final SslProvider provider;

	private volatile SslContext context;

	private ServerTls(String property, String bundleName, ClientAuth clientAuth, SslProvider provider, SslBundle bundle)
			throws SSLException {
		this.property = property;
		this.bundleName = bundleName;
		this.clientAuth = clientAuth;
		this.provider = provider;
		this.context = build(bundle);
	}

	/**
	 * @param property the property that names the bundle, for errors
	 * @param provider the implementation, resolved by {@link TlsProvider#resolve(String)}
	 * @throws IllegalArgumentException naming the property when the bundle does not exist or its
	 * keys cannot be used
	 */
	public static ServerTls from(String property, String name, ClientAuth clientAuth, SslProvider provider,
			SslBundles bundles) {
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalArgumentException(property + "=" + name + " names no SSL bundle; define it under "
					+ "spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name, ex);
		}
		if (provider == SslProvider.JDK) {
			ClientRenegotiation.refuse(property);
		}
		ServerTls tls;
		try {
			tls = new ServerTls(property, name, clientAuth, provider, bundle);
		}
		catch (SSLException ex) {
			throw new IllegalArgumentException(property + "=" + name + " cannot be used for a TLS server: "
					+ ex.getMessage(), ex);
		}
		bundles.addBundleUpdateHandler(name, tls::reload);
		return tls;
	}

	private SslContext build(SslBundle bundle) throws SSLException {
		SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
			.sslProvider(this.provider)
			.clientAuth(this.clientAuth.toNetty());
		if (this.clientAuth != ClientAuth.NONE) {
			builder.trustManager(bundle.getManagers().getTrustManagerFactory());
		}
		SslOptions options = bundle.getOptions();
		builder.protocols((options.getEnabledProtocols() != null) ? options.getEnabledProtocols() : DEFAULT_PROTOCOLS);
		if (options.getCiphers() != null) {
			builder.ciphers(List.of(options.getCiphers()));
		}
		return builder.build();
	}

	private void reload(SslBundle bundle) {
		try {
			this.context = build(bundle);
			log.info("SSL bundle '" + this.bundleName + "' reloaded: new connections on the listener of "
					+ this.property + " present its new certificate");
		}
		catch (SSLException | RuntimeException ex) {
			log.warn("SSL bundle '" + this.bundleName + "' changed but cannot be used (" + ex.getMessage()
					+ "): new connections on the listener of " + this.property + " keep the previous certificate");
		}
	}

	/** {@code openssl} or {@code jdk}. */
	public String provider() {
		return TlsProvider.nameOf(this.provider);
	}

	/**
	 * A new handler for one connection. Its own handshake timeout is off: the listener's
	 * handshake timeout bounds the whole wait from accept.
	 */
	public SslHandler newHandler(ByteBufAllocator allocator) {
		SslHandler handler = this.context.newHandler(allocator);
		handler.setHandshakeTimeoutMillis(0);
		return handler;
	}

}
