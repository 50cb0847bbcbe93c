package io.tcpgateway.server;

import java.net.InetSocketAddress;

/**
 * A user event: who the client really is, known once a PROXY protocol header was read (or its
 * absence detected). {@link ConnectionHandler} admits the connection on it.
 *
 * @param address the client's address, from the header or the TCP peer
 */
record ClientIdentified(InetSocketAddress address) {
}
