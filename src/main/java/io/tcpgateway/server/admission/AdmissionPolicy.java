package io.tcpgateway.server.admission;

import java.time.Duration;

import io.tcpgateway.security.CidrRanges;

/**
 * Who a listener lets in, and how many.
 *
 * @param allowedClients the clients allowed to connect (by their real address); empty allows all
 * @param trustedProxies the peers whose PROXY protocol header is honoured
 * @param maxConnections the most connections open at once; 0 leaves only the open-file budget
 * @param maxConnectionsPerClient the most connections one client (an IPv4 address, an IPv6 /64)
 * has open; 0 means no limit
 * @param maxConnectionRatePerClient new connections per second from one client, with a burst of
 * as many; 0 means no limit
 * @param maxTrackedClients the most clients tracked for the per-client limits; when all have
 * connections open, a new client is admitted untracked
 * @param handshakeTimeout how long a connection may take from accept until its PROXY header and
 * TLS handshake are done
 */
public record AdmissionPolicy(CidrRanges allowedClients, CidrRanges trustedProxies, int maxConnections,
		int maxConnectionsPerClient, int maxConnectionRatePerClient, int maxTrackedClients,
		Duration handshakeTimeout) {

	/** Whether any per-client limit is set, so that clients must be tracked. */
	boolean tracksClients() {
		return this.maxConnectionsPerClient > 0 || this.maxConnectionRatePerClient > 0;
	}

}
