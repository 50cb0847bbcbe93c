package io.tcpgateway.bench;

import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load generator's Netty plumbing: one event loop thread (native epoll where available)
 * carries every connection, so all client state lives on one thread without locks.
 */
final class ClientIo {

	private ClientIo() {
	}

	static EventLoopGroup newSingleThreadGroup() {
		return new MultiThreadIoEventLoopGroup(1,
				Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
	}

	static Bootstrap bootstrap(EventLoopGroup group, long connectTimeoutMs, ChannelHandler handler) {
		return new Bootstrap().group(group)
			.channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeoutMs, Integer.MAX_VALUE))
			.handler(handler);
	}

	/** Closes every channel of the group; waits a bounded time. */
	static void shutdown(EventLoopGroup group) {
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
