package io.tcpgateway.server.view;

/** Why a connection was refused before it was served. */
public enum RejectReason implements PropertyValue {

	/** The listener already has {@code max-connections} open. */
	MAX_CONNECTIONS,

	/** The client's address is not in {@code allowed-clients}. */
	NOT_ALLOWED,

	/** A required PROXY protocol header was missing, malformed or of the wrong version. */
	PROXY_PROTOCOL,

	/** A PROXY protocol header came from a peer outside {@code trusted-proxies}, or such a peer was required to send one. */
	UNTRUSTED_PROXY,

	/** No PROXY header or TLS handshake completed within {@code handshake-timeout}. */
	HANDSHAKE_TIMEOUT,

	/** The client already has {@code max-connections-per-client} connections open. */
	PER_CLIENT_LIMIT,

	/** The client opened connections faster than {@code max-connection-rate-per-client}. */
	CONNECTION_RATE

}
