package io.tcpgateway.server.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.util.concurrent.RejectedExecutionHandlers;

/**
 * Netty's I/O event loops, each going back to I/O after at most {@value #TASK_QUANTUM_MS} ms of
 * tasks. Netty's default is a second: a connection whose backlog of frames continues in task
 * after task, or whose worker keeps handing replies back, could keep every other connection of
 * the loop from being read for that long.
 */
final class IoThreads extends MultiThreadIoEventLoopGroup {

	static final long TASK_QUANTUM_MS = 1;

	IoThreads(int threads, ThreadFactory threadFactory, IoHandlerFactory ioHandlerFactory) {
		super(threads, threadFactory, ioHandlerFactory);
	}

	@Override
	protected IoEventLoop newChild(Executor executor, IoHandlerFactory ioHandlerFactory, Object... args) {
		return new SingleThreadIoEventLoop(this, executor, ioHandlerFactory, Integer.MAX_VALUE,
				RejectedExecutionHandlers.reject(), TASK_QUANTUM_MS);
	}

}
