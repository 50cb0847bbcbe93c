package io.tcpgateway.server;

/** Whether a listener expects the PROXY protocol header a load balancer sends first. */
public enum ProxyProtocol {

	/** No header: the peer is the client. */
	OFF,

	/** A PROXY protocol version 1 (text) header is required. */
	V1,

	/** A PROXY protocol version 2 (binary) header is required. */
	V2,

	/** Either version, or no header at all. */
	OPTIONAL;

	public String propertyValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
