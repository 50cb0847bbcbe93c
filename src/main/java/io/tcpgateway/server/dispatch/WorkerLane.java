package io.tcpgateway.server.dispatch;

import java.util.concurrent.Executor;

/**
 * One connection's way to the worker threads: a platform thread it is pinned to, or a new
 * virtual thread per request. Everything run through one lane runs in the order it was handed
 * over; requests hold a place in {@code tcp.server.worker-queue} until they are answered,
 * answers the server already knows take none.
 */
public final class WorkerLane {

	private final WorkerPool pool;

	private final Executor executor;

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
		this.executor.execute(() -> {
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
		this.executor.execute(task);
	}

}
