package io.tcpgateway.server.dispatch;

import java.time.Duration;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tcpgateway.server.view.PropertyValue;

/** The Netty I/O transport under the listener. */
public enum Transport implements PropertyValue {

	/** Native epoll where the platform has it, NIO otherwise. */
	AUTO,

	/** Linux native epoll; startup fails where it is not available. */
	EPOLL,

	/** Java NIO, available everywhere. */
	NIO;

	/** The transport this setting stands for on this machine. */
	Transport resolve() {
		if (this == AUTO) {
			return Epoll.isAvailable() ? EPOLL : NIO;
		}
		if (this == EPOLL && !Epoll.isAvailable()) {
			throw new IllegalStateException("tcp.server.transport=epoll but native epoll is not available here ("
					+ Epoll.unavailabilityCause() + "); allowed values: auto, epoll, nio");
		}
		return this;
	}

	IoHandlerFactory ioHandlerFactory() {
		return (resolve() == EPOLL) ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
	}

	/**
	 * Bounds how long the kernel keeps replies a client does not take ({@code TCP_USER_TIMEOUT},
	 * epoll only), at twice the write timeout. Netty's write timeout sees only what the kernel
	 * refused: a client that stops reading and sending while its replies still fit the socket
	 * buffers would otherwise hold the connection with a zero receive window for as long as it
	 * likes. Twice, so that where Netty does see the backlog its own timeout ends the connection
	 * first, and the kernel's clock (which starts at the first untaken byte) never races it.
	 */
	public void limitUntakenReplies(ServerBootstrap bootstrap, Duration writeTimeout) {
		if (!writeTimeout.isZero() && resolve() == EPOLL) {
			bootstrap.childOption(EpollChannelOption.TCP_USER_TIMEOUT,
					(int) Math.min(Integer.MAX_VALUE, writeTimeout.toMillis() * 2));
		}
	}

	public Class<? extends ServerChannel> serverChannelType() {
		return (resolve() == EPOLL) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

}
