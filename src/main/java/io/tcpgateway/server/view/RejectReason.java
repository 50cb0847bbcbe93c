package io.tcpgateway.server.view;

/** Why a connection was refused right after accept. */
public enum RejectReason implements PropertyValue {

	/** The listener already has {@code max-connections} open. */
	MAX_CONNECTIONS,

	/** The client's address is not in {@code allowed-clients}. */
	NOT_ALLOWED,

	/** A required PROXY protocol header was missing, malformed or of the wrong version. */
	PROXY_PROTOCOL

}
