package io.tcpgateway.server.connection;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The frames pushed to one connection and not yet written, bounded: a push takes a place before
 * it travels to the connection's event loop, so that pushes faster than the client reads can
 * never queue without limit, not even in the event loop's task queue. The one piece of a
 * connection's state other threads change, hence its own class.
 */
final class PendingPushes {

	private static final AtomicIntegerFieldUpdater<PendingPushes> PENDING = AtomicIntegerFieldUpdater
		.newUpdater(PendingPushes.class, "pending");

	private final int max;

	// a field and an updater rather than an AtomicInteger: every idle connection has one
	private volatile int pending;

	PendingPushes(int max) {
		this.max = max;
	}

	/** Takes a place; false when the connection holds as many as it may. */
	boolean take() {
		int current;
		do {
			current = this.pending;
			if (current >= this.max) {
				return false;
			}
		}
		while (!PENDING.compareAndSet(this, current, current + 1));
		return true;
	}

	/** A pushed frame was written, or given up. */
	void done() {
		PENDING.decrementAndGet(this);
	}

}
