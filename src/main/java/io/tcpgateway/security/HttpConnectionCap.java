package io.tcpgateway.security;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * At most {@code max} connections open at once on the HTTP server, shared by all its channels:
 * one more is closed as soon as it is accepted, before it can send anything.
 */
@Sharable
final class HttpConnectionCap extends ChannelInboundHandlerAdapter {

	private final int max;

	private final AtomicInteger open = new AtomicInteger();

	private final Runnable refused;

	HttpConnectionCap(int max, Runnable refused) {
		this.max = max;
		this.refused = refused;
	}

	int open() {
		return Math.min(this.open.get(), this.max);
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.open.incrementAndGet() > this.max) {
			this.refused.run();
			ctx.close();
			return;
		}
		ctx.fireChannelActive();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.open.decrementAndGet();
		ctx.fireChannelInactive();
	}

}
