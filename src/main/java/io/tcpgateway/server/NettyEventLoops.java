package io.tcpgateway.server;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The threads shared by every listener: the Netty I/O event loops and, when
 * {@code tcp.server.worker-threads} is set, the workers that run the reply service.
 */
public class NettyEventLoops implements DisposableBean {

	private final Transport transport;

	private final EventLoopGroup ioGroup;

	private final @Nullable WorkerPool workers;

	NettyEventLoops(TcpServerProperties properties) {
		this.transport = properties.transport().resolve();
		this.ioGroup = new MultiThreadIoEventLoopGroup(properties.effectiveEventLoopThreads(),
				new DefaultThreadFactory("tcp-io", true), this.transport.ioHandlerFactory());
		this.workers = (properties.workerThreads() > 0)
				? new WorkerPool(properties.workerThreads(), properties.workerQueue()) : null;
	}

	Transport transport() {
		return this.transport;
	}

	EventLoopGroup ioGroup() {
		return this.ioGroup;
	}

	/** Where the reply service runs; {@code null} means on each connection's event loop. */
	@Nullable WorkerPool workers() {
		return this.workers;
	}

	@Override
	public void destroy() {
		if (this.workers != null) {
			this.workers.shutdown();
		}
		this.ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
