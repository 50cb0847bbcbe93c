package io.tcpgateway.security;

import javax.net.ssl.SSLException;

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
 * {@code options.ciphers} are honoured.
 */
public final class ServerTls {

	static final String[] DEFAULT_PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	private final SslContext context;

	private ServerTls(SslContext context) {
		this.context = context;
	}

	/**
	 * @param property the property that names the bundle, for errors
	 * @throws IllegalArgumentException naming the property when the bundle does not exist or its
	 * keys cannot be used
	 */
	public static ServerTls from(String property, String name, ClientAuth clientAuth, SslBundles bundles) {
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalArgumentException(property + "=" + name + " names no SSL bundle; define it under "
					+ "spring.ssl.bundle.pem." + name + " or spring.ssl.bundle.jks." + name, ex);
		}
		try {
			SslContextBuilder builder = SslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
				.sslProvider(SslProvider.JDK)
				.clientAuth(clientAuth.toNetty());
			if (clientAuth != ClientAuth.NONE) {
				builder.trustManager(bundle.getManagers().getTrustManagerFactory());
			}
			SslOptions options = bundle.getOptions();
			builder.protocols((options.getEnabledProtocols() != null) ? options.getEnabledProtocols() : DEFAULT_PROTOCOLS);
			if (options.getCiphers() != null) {
				builder.ciphers(java.util.List.of(options.getCiphers()));
			}
			return new ServerTls(builder.build());
		}
		catch (SSLException ex) {
			throw new IllegalArgumentException(property + "=" + name + " cannot be used for a TLS server: "
					+ ex.getMessage(), ex);
		}
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
