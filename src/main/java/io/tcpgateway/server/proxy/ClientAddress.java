package io.tcpgateway.server.proxy;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Who the client of a channel really is: the address a trusted PROXY protocol header named, or
 * else the TCP peer. Kept as a channel attribute, set before the rest of the pipeline sees the
 * channel become active.
 */
public final class ClientAddress {

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
