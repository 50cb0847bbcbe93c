package io.tcpgateway.server;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;

/**
 * Runs one connection's requests on the worker it is pinned to, in arrival order. A request
 * that finds the worker queue full is answered {@code ERR server busy}, in its place in the
 * order; a connection with {@value #MAX_PENDING} requests pending stops being read until half
 * of them are done, so one client cannot queue without bound.
 */
final class OrderedWorker {

	static final int MAX_PENDING = 64;

	private final WorkerPool pool;

	private final EventExecutor executor;

	private final EventLoop eventLoop;

	private final ReadGate gate;

	private final AtomicInteger pending = new AtomicInteger();

	OrderedWorker(WorkerPool pool, EventLoop eventLoop, ReadGate gate) {
		this.pool = pool;
		this.executor = pool.next();
		this.eventLoop = eventLoop;
		this.gate = gate;
	}

	/** Called on the event loop for each frame; the frame is released when done. */
	void submit(NettyTcpConnection connection, ByteBuf frame) {
		if (this.pending.incrementAndGet() >= MAX_PENDING) {
			this.gate.pause(ReadGate.BACKLOG);
		}
		if (this.pool.tryEnqueue()) {
			this.executor.execute(() -> {
				try {
					this.pool.dequeued();
					connection.receive(frame);
				}
				finally {
					frame.release();
					done();
				}
			});
		}
		else {
			frame.release();
			connection.busy();
			this.executor.execute(() -> {
				connection.replyBusy();
				done();
			});
		}
	}

	/** Runs {@code task} after every request submitted so far. */
	void afterPending(Runnable task) {
		this.executor.execute(task);
	}

	private void done() {
		if (this.pending.decrementAndGet() == MAX_PENDING / 2) {
			this.eventLoop.execute(() -> this.gate.resume(ReadGate.BACKLOG));
		}
	}

}
