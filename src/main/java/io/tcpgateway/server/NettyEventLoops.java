package io.tcpgateway.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Netty threads shared by every listener: the I/O event loops and, when
 * {@code tcp.server.worker-threads} is set, the workers that run the reply service.
 */
public class NettyEventLoops implements DisposableBean {

	private final Transport transport;

	private final EventLoopGroup ioGroup;

	private final @Nullable EventExecutorGroup workerGroup;

	NettyEventLoops(TcpServerProperties properties) {
		this.transport = properties.transport().resolve();
		this.ioGroup = new MultiThreadIoEventLoopGroup(properties.effectiveEventLoopThreads(),
				new DefaultThreadFactory("tcp-io", true), this.transport.ioHandlerFactory());
		this.workerGroup = (properties.workerThreads() > 0) ? new DefaultEventExecutorGroup(properties.workerThreads(),
				new DefaultThreadFactory("tcp-worker", true)) : null;
	}

	Transport transport() {
		return this.transport;
	}

	EventLoopGroup ioGroup() {
		return this.ioGroup;
	}

	/** Where the reply service runs; {@code null} means on each connection's event loop. */
	@Nullable EventExecutorGroup workerGroup() {
		return this.workerGroup;
	}

	@Override
	public void destroy() {
		if (this.workerGroup != null) {
			this.workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		}
		this.ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
