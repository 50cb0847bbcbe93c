package io.tcpgateway.server.admission;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * One client for the per-client limits: an IPv4 address, or an IPv6 /64 (one site's prefix,
 * which a single host can fill with addresses at will).
 */
record ClientKey(boolean ipv6, long bits) {

	static ClientKey of(InetAddress address) {
		byte[] bytes = address.getAddress();
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return (bytes.length == 4) ? new ClientKey(false, buffer.getInt() & 0xFFFF_FFFFL) : new ClientKey(true, buffer.getLong());
	}

}
