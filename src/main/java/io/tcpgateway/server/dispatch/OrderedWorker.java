package io.tcpgateway.server.dispatch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * Runs one connection's requests on its worker, in arrival order. At most a few of them are
 * handed over at a time (64 to a pinned platform thread, one to a virtual thread); the rest wait
 * here, and the connection is not read while any wait, so one client can never hold more than
 * that share of {@code tcp.server.worker-queue}. A request that finds the shared queue full is
 * answered {@code ERR server busy} in its place in the order: the server as a whole is saturated.
 * <p>
 * The queue and the counters are confined to the connection's event loop; the worker reports
 * each finished turn back to it.
 */
public final class OrderedWorker {

	private final WorkerPool pool;

	private final Executor executor;

	private final int maxInFlight;

	private final RequestTurns connection;

	private final EventLoop eventLoop;

	private final ReadGate gate;

	/** Frames (requests) and strings (the server's own error reply) not yet handed to the worker. */
	private final ArrayDeque<Object> waiting = new ArrayDeque<>();

	private int inFlight;

	OrderedWorker(WorkerPool pool, RequestTurns connection, EventLoop eventLoop, ReadGate gate) {
		this.pool = pool;
		this.executor = pool.executorForConnection();
		this.maxInFlight = pool.maxInFlightPerConnection();
		this.connection = connection;
		this.eventLoop = eventLoop;
		this.gate = gate;
	}

	/** A request frame (released when done) or an error reply, in its place in the order. */
	public void take(Object item) {
		this.waiting.add(item);
		pump();
	}

	/** Whether every request taken has been answered. */
	public boolean idle() {
		return this.inFlight == 0 && this.waiting.isEmpty();
	}

	/** The channel closed: what has not reached the worker is discarded. */
	public void discardWaiting() {
		Object item;
		while ((item = this.waiting.poll()) != null) {
			if (item instanceof ByteBuf frame) {
				this.connection.discard(frame);
			}
		}
	}

	private void pump() {
		while (this.inFlight < this.maxInFlight && !this.waiting.isEmpty()) {
			Object item = this.waiting.poll();
			this.inFlight++;
			if (item instanceof ByteBuf frame) {
				if (this.pool.tryEnqueue()) {
					EndOnce end = new EndOnce();
					this.executor.execute(() -> {
						this.pool.started();
						try {
							this.connection.answer(frame, end);
						}
						finally {
							frame.release();
							end.run();
							this.pool.ended();
						}
					});
				}
				else {
					frame.release();
					this.connection.busyDecided();
					run(this.connection::answerBusy);
				}
			}
			else {
				String reply = (String) item;
				run(() -> this.connection.answerWithError(reply));
			}
		}
		if (this.waiting.isEmpty()) {
			this.gate.resume(ReadGate.BACKLOG);
		}
		else {
			this.gate.pause(ReadGate.BACKLOG);
		}
	}

	private void run(Runnable turn) {
		this.executor.execute(() -> {
			try {
				turn.run();
			}
			finally {
				finished();
			}
		});
	}

	private void finished() {
		this.eventLoop.execute(() -> {
			this.inFlight--;
			pump();
			this.connection.turnFinished();
		});
	}

	/** Ends a turn once, whether its reply or its timeout ends it first. */
	private final class EndOnce extends AtomicBoolean implements Runnable {

		@Override
		public void run() {
			if (compareAndSet(false, true)) {
				finished();
			}
		}

	}

}
