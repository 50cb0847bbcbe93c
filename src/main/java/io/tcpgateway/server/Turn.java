package io.tcpgateway.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.util.concurrent.FastThreadLocal;
import io.tcpgateway.server.view.RequestTrace;
import org.jspecify.annotations.Nullable;

/**
 * One request being answered, from the moment the service starts on it: what its reply is
 * counted and timed by, and who finishes it first, its reply or the request timeout. The thread
 * answering it holds it as {@link #current()}, where {@code send} finds it.
 */
final class Turn {

	private static final FastThreadLocal<Turn> CURRENT = new FastThreadLocal<>();

	private static final int PENDING = 0;

	private static final int ANSWERED = 1;

	private static final int TIMED_OUT = 2;

	final byte[] request;

	final long startNanos = System.nanoTime();

	/** The processing thread only: the gateway has sent a reply. */
	boolean replied;

	/** The processing thread only: the reply sent was an error reply. */
	boolean failed;

	RequestTrace trace = RequestTrace.NONE;

	private final AtomicInteger state = new AtomicInteger(PENDING);

	private volatile @Nullable ScheduledFuture<?> deadline;

	Turn(byte[] request) {
		this.request = request;
	}

	static @Nullable Turn current() {
		return CURRENT.getIfExists();
	}

	void begin() {
		CURRENT.set(this);
	}

	void end() {
		CURRENT.remove();
	}

	void deadline(ScheduledFuture<?> deadline) {
		this.deadline = deadline;
	}

	/** The reply won: it may be written. False when the timeout came first. */
	boolean answered() {
		boolean won = this.state.compareAndSet(PENDING, ANSWERED);
		ScheduledFuture<?> scheduled = this.deadline;
		if (won && scheduled != null) {
			scheduled.cancel(false);
		}
		return won;
	}

	/** Whether the reply won (the turn was not timed out). */
	boolean answeredBy() {
		return this.state.get() == ANSWERED;
	}

	/** The timeout won: {@code ERR timeout} is written in the reply's place, and the reply discarded. */
	boolean timedOut() {
		return this.state.compareAndSet(PENDING, TIMED_OUT);
	}

}
