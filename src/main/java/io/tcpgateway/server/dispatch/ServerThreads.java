package io.tcpgateway.server.dispatch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The threads shared by every listener: the Netty I/O event loops and, when
 * {@code tcp.server.worker-threads} is set, the workers that run the reply service.
 */
public class ServerThreads implements DisposableBean {

	private final Transport transport;

	private final EventLoopGroup ioGroup;

	private final @Nullable WorkerPool workers;

	private final Duration requestTimeout;

	/**
	 * @param transport the configured transport ({@code auto} is resolved here)
	 * @param eventLoopThreads the number of I/O threads
	 * @param workerThreads where the reply service runs
	 * @param workerQueue with workers, the most requests waiting for one (for virtual threads: in progress)
	 * @param requestTimeout with workers, how long a request may take before {@code ERR timeout}; zero for no limit
	 */
	public ServerThreads(Transport transport, int eventLoopThreads, WorkerThreads workerThreads, int workerQueue,
			Duration requestTimeout) {
		this.transport = transport.resolve();
		this.ioGroup = new IoThreads(eventLoopThreads, new DefaultThreadFactory("tcp-io", true),
				this.transport.ioHandlerFactory());
		this.workers = workerThreads.isWorkers() ? WorkerPool.of(workerThreads, workerQueue) : null;
		this.requestTimeout = requestTimeout;
	}

	/** How long a request may take before it is answered {@code ERR timeout}; zero for no limit. */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/** The transport in use: {@code epoll} or {@code nio}. */
	public Transport transport() {
		return this.transport;
	}

	public EventLoopGroup ioGroup() {
		return this.ioGroup;
	}

	/**
	 * A new connection's lane to the workers, or {@code null} when requests are answered on its
	 * event loop.
	 */
	public @Nullable WorkerLane newLane() {
		return (this.workers != null) ? new WorkerLane(this.workers) : null;
	}

	@Override
	public void destroy() {
		if (this.workers != null) {
			this.workers.shutdown();
		}
		this.ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
	}

}
