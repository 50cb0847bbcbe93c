package io.tcpgateway.server.proxy;

import io.netty.channel.Channel;
import io.tcpgateway.server.view.RejectReason;

/** Told once per connection the PROXY protocol handling refuses, with why; counts and logs it. */
@FunctionalInterface
public interface ProxyRejections {

	void rejected(Channel channel, RejectReason reason, String why);

}
