package io.tcpgateway.server.dispatch;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
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

	public Class<? extends ServerChannel> serverChannelType() {
		return (resolve() == EPOLL) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
	}

}
