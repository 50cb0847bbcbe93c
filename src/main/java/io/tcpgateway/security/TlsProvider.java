package io.tcpgateway.security;

import java.util.Locale;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** Which TLS implementation a listener uses. */
public enum TlsProvider {

	/**
	 * The JDK's TLS for now: it is the one that keeps the reply guarantee for a client that
	 * half-closes (TLS 1.3 close_notify, then waits for its replies). Netty's OpenSSL engine
	 * closes its outbound side when close_notify arrives, so replies still owed are lost.
	 */
	AUTO,

	/** The JDK's own TLS. */
	JDK,

	/**
	 * OpenSSL (BoringSSL through netty-tcnative), faster; startup fails where it cannot load. A
	 * client's close_notify ends the connection at once: replies it is still owed are abandoned.
	 */
	OPENSSL;

	/**
	 * The implementation this setting stands for on this machine.
	 * @param property the property that holds the setting, for errors
	 * @throws IllegalArgumentException naming the property when OpenSSL is required and cannot load
	 */
	public SslProvider resolve(String property) {
		return switch (this) {
			case JDK, AUTO -> SslProvider.JDK;
			case OPENSSL -> {
				if (!OpenSsl.isAvailable()) {
					throw new IllegalArgumentException(property + "=openssl, but OpenSSL (netty-tcnative-boringssl-static) "
							+ "cannot be loaded here: " + OpenSsl.unavailabilityCause() + "; use auto or jdk");
				}
				yield SslProvider.OPENSSL;
			}
		};
	}

	static String nameOf(SslProvider provider) {
		return provider.name().toLowerCase(Locale.ROOT);
	}

}
