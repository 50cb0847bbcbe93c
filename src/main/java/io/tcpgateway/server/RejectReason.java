package io.tcpgateway.server;

/** Why a connection was refused right after accept. */
public enum RejectReason {

	/** The listener already has {@code max-connections} open. */
	MAX_CONNECTIONS,

	/** The client's address is not in {@code allowed-clients}. */
	NOT_ALLOWED,

	/** A required PROXY protocol header was missing, malformed or of the wrong version. */
	PROXY_PROTOCOL;

	/** The value of the {@code reason} tag. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
