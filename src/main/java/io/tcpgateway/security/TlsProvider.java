package io.tcpgateway.security;

import java.util.Locale;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** Which TLS implementation a listener uses. */
public enum TlsProvider {

	/** OpenSSL (BoringSSL through netty-tcnative) where it loads, else the JDK's. */
	AUTO,

	/** The JDK's own TLS. */
	JDK,

	/** OpenSSL (BoringSSL through netty-tcnative); startup fails where it cannot load. */
	OPENSSL;

	/**
	 * The implementation this setting stands for on this machine.
	 * @param property the property that holds the setting, for errors
	 * @throws IllegalArgumentException naming the property when OpenSSL is required and cannot load
	 */
	public SslProvider resolve(String property) {
		return switch (this) {
			case JDK -> SslProvider.JDK;
			case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
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
