package io.tcpgateway.server.proxy;

import io.netty.channel.Channel;

/** Told once per connection the PROXY protocol handling refuses, with why; counts and logs it. */
@FunctionalInterface
public interface ProxyRejections {

	void rejected(Channel channel, String why);

}
