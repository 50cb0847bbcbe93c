package io.tcpgateway.server.proxy;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Who the client of a channel really is: the address a trusted PROXY protocol header named, or
 * else the TCP peer. Kept as a channel attribute; on a PROXY listener it is set before
 * {@link #IDENTIFIED} is fired.
 */
public final class ClientAddress {

	/**
	 * The user event a PROXY listener's header handler fires once the header has named the
	 * client (or, with {@code optional}, once the client sent none).
	 */
	public static final Object IDENTIFIED = new Object() {
		@Override
		public String toString() {
			return "CLIENT_IDENTIFIED";
		}
	};

	private static final AttributeKey<InetSocketAddress> KEY = AttributeKey.valueOf(ClientAddress.class, "client");

	private ClientAddress() {
	}

	/** The real client of {@code channel}. */
	public static InetSocketAddress of(Channel channel) {
		// hasAttr first: attr() would give every connection an attribute (and an attribute table)
		InetSocketAddress client = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
		return (client != null) ? client : (InetSocketAddress) channel.remoteAddress();
	}

	static void set(Channel channel, InetSocketAddress client) {
		channel.attr(KEY).set(client);
	}

}
