package io.tcpgateway.security;

/** Whether a TLS listener asks clients for a certificate. */
public enum ClientAuth {

	/** No client certificate. */
	NONE,

	/** Ask for a client certificate; connect without one too. */
	WANT,

	/** Require a client certificate trusted by the bundle's trust store. */
	NEED;

	io.netty.handler.ssl.ClientAuth toNetty() {
		return switch (this) {
			case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
			case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
			case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
		};
	}

}
