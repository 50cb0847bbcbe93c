package io.tcpgateway.server.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The threads that run the reply service off the I/O threads, and the bound of
 * {@code tcp.server.worker-queue} across all connections: requests handed to a worker and not
 * yet answered, waiting or running, counted the same way for both kinds of thread.
 * <ul>
 * <li>Platform threads: each connection is pinned to one single-threaded executor, which keeps
 * its order with up to {@value #PLATFORM_IN_FLIGHT} requests handed over at once.</li>
 * <li>Virtual threads: each request runs on a new virtual thread, one at a time per connection.</li>
 * </ul>
 */
abstract class WorkerPool {

	static final int PLATFORM_IN_FLIGHT = 64;

	private final int maxQueued;

	private final AtomicInteger queued = new AtomicInteger();

	WorkerPool(int maxQueued) {
		this.maxQueued = maxQueued;
	}

	static WorkerPool of(WorkerThreads threads, int maxQueued) {
		return threads.virtual() ? new Virtual(maxQueued) : new Platform(threads.count(), maxQueued);
	}

	/** The executor of a new connection. */
	abstract Executor executorForConnection();

	/** How many of one connection's requests may be handed over at once. */
	abstract int maxInFlightPerConnection();

	/** Whether connections share threads, and so take turns on them. */
	abstract boolean sharesThreads();

	abstract void shutdown();

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

	/** A request's worker is done with it: gives back the place {@link #tryEnqueue()} took. */
	void done() {
		this.queued.decrementAndGet();
	}

	private static final class Platform extends WorkerPool {

		private final DefaultEventExecutorGroup group;

		Platform(int threads, int maxQueued) {
			super(maxQueued);
			this.group = new DefaultEventExecutorGroup(threads, new DefaultThreadFactory("tcp-worker", true));
		}

		@Override
		Executor executorForConnection() {
			return this.group.next();
		}

		@Override
		int maxInFlightPerConnection() {
			return PLATFORM_IN_FLIGHT;
		}

		@Override
		boolean sharesThreads() {
			return true;
		}

		@Override
		void shutdown() {
			this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
		}

	}

	private static final class Virtual extends WorkerPool {

		private final VirtualThreadTaskExecutor executor = new VirtualThreadTaskExecutor("tcp-virtual-");

		Virtual(int maxQueued) {
			super(maxQueued);
		}

		@Override
		Executor executorForConnection() {
			return this.executor;
		}

		@Override
		int maxInFlightPerConnection() {
			return 1;
		}

		@Override
		boolean sharesThreads() {
			return false;
		}

		@Override
		void shutdown() {
			// virtual threads need no shutdown: each ends with its request
		}

	}

}
