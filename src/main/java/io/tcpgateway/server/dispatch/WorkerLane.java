package io.tcpgateway.server.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection's way to the worker threads: a platform thread it is pinned to, or a new
 * virtual thread per request. Everything run through one lane runs in the order it was handed
 * over; requests hold a place in {@code tcp.server.worker-queue} until they are answered,
 * answers the server already knows take none.
 * <p>
 * The connections pinned to one platform thread take turns, one task each, rather than queue
 * behind each other: a connection with 64 requests handed over cannot put them all ahead of
 * another connection's one.
 */
public final class WorkerLane {

	private final WorkerPool pool;

	private final Executor executor;

	/** This lane's tasks not yet run, when its thread is shared with other lanes. */
	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

	/** Whether this lane has a turn queued on its thread. */
	private final AtomicBoolean queued = new AtomicBoolean();

	WorkerLane(WorkerPool pool) {
		this.pool = pool;
		this.executor = pool.executorForConnection();
	}

	/** How many of the connection's requests may be handed over at once. */
	public int maxInFlight() {
		return this.pool.maxInFlightPerConnection();
	}

	/**
	 * Runs a request on the worker, in order.
	 * @return false, running nothing, when {@code worker-queue} is full
	 */
	public boolean tryRun(Runnable request) {
		if (!this.pool.tryEnqueue()) {
			return false;
		}
		submit(() -> {
			try {
				request.run();
			}
			finally {
				this.pool.done();
			}
		});
		return true;
	}

	/** Runs a task in order with the requests, outside {@code worker-queue}: an answer already known. */
	public void runInOrder(Runnable task) {
		submit(task);
	}

	private void submit(Runnable task) {
		if (!this.pool.sharesThreads()) {
			this.executor.execute(task);
			return;
		}
		this.waiting.add(task);
		if (this.queued.compareAndSet(false, true)) {
			this.executor.execute(this::turn);
		}
	}

	/** On the shared thread: one task of this lane, then the lane queues again behind the others if it has more. */
	private void turn() {
		Runnable task = this.waiting.poll();
		try {
			if (task != null) {
				task.run();
			}
		}
		finally {
			if (!this.waiting.isEmpty()) {
				this.executor.execute(this::turn);
			}
			else {
				this.queued.set(false);
				// a task added between the check and the flag: take the turn back
				if (!this.waiting.isEmpty() && this.queued.compareAndSet(false, true)) {
					this.executor.execute(this::turn);
				}
			}
		}
	}

}
