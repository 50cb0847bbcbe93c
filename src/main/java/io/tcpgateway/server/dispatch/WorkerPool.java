package io.tcpgateway.server.dispatch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The threads that run the reply service when {@code tcp.server.worker-threads} > 0. Each
 * connection is pinned to one single-threaded executor, which keeps its order; the number of
 * requests queued across all of them is bounded by {@code tcp.server.worker-queue}.
 */
final class WorkerPool {

	private final DefaultEventExecutorGroup group;

	private final int maxQueued;

	private final AtomicInteger queued = new AtomicInteger();

	WorkerPool(int threads, int maxQueued) {
		this.group = new DefaultEventExecutorGroup(threads, new DefaultThreadFactory("tcp-worker", true));
		this.maxQueued = maxQueued;
	}

	/** The executor a new connection is pinned to. */
	EventExecutor next() {
		return this.group.next();
	}

	/** Takes a place in the queue; false when the queue is full. */
	boolean tryEnqueue() {
		int current;
		do {
			current = this.queued.get();
			if (current >= this.maxQueued) {
				return false;
			}
		}
		while (!this.queued.compareAndSet(current, current + 1));
		return true;
	}

	/** Gives back a place taken by {@link #tryEnqueue()}. */
	void dequeued() {
		this.queued.decrementAndGet();
	}

	void shutdown() {
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
	}

}
