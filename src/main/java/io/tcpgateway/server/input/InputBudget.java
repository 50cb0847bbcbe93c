package io.tcpgateway.server.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.tcpgateway.server.view.InputView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The memory every connection of every listener holds as input not yet handed on as a message:
 * partial frames, and whole frames waiting for their connection to take them. Bounded by
 * {@code tcp.server.max-buffered-bytes}, counted as the capacity of the buffers held.
 * <p>
 * Over the bound, the connections that have held input longest are told to close (their
 * {@link #EXCEEDED} event) until enough is on its way back; when even that leaves no room, the
 * connection whose read went over gives its bytes back at once and closes. A client that sends
 * whole requests holds input for microseconds; one that parks partial frames holds it for
 * seconds, so the bound costs the client that holds, not the clients that are served. What is
 * held can briefly reach twice the bound, while the connections told to close are closing.
 */
public final class InputBudget implements InputView {

	/** The user event a connection's frame reader fires when the budget closes it. */
	public static final Object EXCEEDED = new Object() {
		@Override
		public String toString() {
			return "INPUT_BUDGET_EXCEEDED";
		}
	};

	static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

	private static final Log log = LogFactory.getLog(InputBudget.class);

	private static final AtomicIntegerFieldUpdater<Share> TOLD = AtomicIntegerFieldUpdater.newUpdater(Share.class,
			"told");

	private final long limit;

	private final LongSupplier nanoClock;

	private final AtomicLong used = new AtomicLong();

	/** Bytes of connections already told to close, given back once they have. */
	private final AtomicLong leaving = new AtomicLong();

	private final Set<Share> holding = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private final AtomicLong loggedAt;

	private final AtomicLong closedSinceLog = new AtomicLong();

	/**
	 * @param limit the bytes all connections together may hold
	 */
	public InputBudget(long limit, LongSupplier nanoClock) {
		this.limit = limit;
		this.nanoClock = nanoClock;
		this.loggedAt = new AtomicLong(nanoClock.getAsLong() - LOG_INTERVAL_NANOS);
	}

	/** A budget that never closes anything: for tests of framing alone. */
	public static InputBudget unbounded() {
		return new InputBudget(Long.MAX_VALUE, System::nanoTime);
	}

	/** The bound, in bytes. */
	public long limit() {
		return this.limit;
	}

	/** Bytes held now. */
	public long used() {
		return this.used.get();
	}

	@Override
	public long bufferedBytes() {
		return used();
	}

	@Override
	public long bufferedBytesLimit() {
		return this.limit;
	}

	@Override
	public int holders() {
		return this.holding.size();
	}

	/**
	 * A new connection's share, empty.
	 * @param eventLoop the connection's event loop, where its share changes
	 * @param close what closes the connection when the budget needs its bytes back (on its event loop)
	 */
	Share share(Executor eventLoop, Runnable close) {
		return new Share(eventLoop, close);
	}

	/**
	 * Whether the total, less what is on its way back, is within the bound, once the longest
	 * holders other than {@code growing} are told to leave. No more than one bound's worth is
	 * ever on its way back: past that, the growing connection must give its bytes back itself.
	 */
	private boolean changed(Share growing, long delta) {
		long total = this.used.addAndGet(delta);
		if (total - this.leaving.get() <= this.limit) {
			return true;
		}
		if (delta <= 0 || this.leaving.get() > this.limit) {
			return delta <= 0;
		}
		sweep(growing);
		return this.used.get() - this.leaving.get() <= this.limit;
	}

	/** Tells the longest holders to close, until what they give back brings the total under the bound. */
	private void sweep(Share growing) {
		if (!this.sweeping.compareAndSet(false, true)) {
			return;
		}
		try {
			long excess = this.used.get() - this.leaving.get() - this.limit;
			if (excess <= 0) {
				return;
			}
			List<Share> oldestFirst = new ArrayList<>(this.holding);
			oldestFirst.sort(Comparator.comparingLong((share) -> share.since));
			long now = this.nanoClock.getAsLong();
			int closed = 0;
			long longestHeldNanos = 0;
			for (Share share : oldestFirst) {
				if (excess <= 0) {
					break;
				}
				long bytes = (share != growing) ? share.leave() : 0;
				if (bytes > 0) {
					excess -= bytes;
					closed++;
					longestHeldNanos = Math.max(longestHeldNanos, now - share.since);
				}
			}
			report(closed, longestHeldNanos, now);
		}
		finally {
			this.sweeping.set(false);
		}
	}

	private void report(int closed, long longestHeldNanos, long now) {
		long pending = this.closedSinceLog.addAndGet(closed);
		long last = this.loggedAt.get();
		if (pending > 0 && now - last >= LOG_INTERVAL_NANOS && this.loggedAt.compareAndSet(last, now)) {
			this.closedSinceLog.addAndGet(-pending);
			log.warn("Buffered input reached tcp.server.max-buffered-bytes (" + this.limit + " bytes): closed " + pending
					+ " connection(s) that held unframed input longest (up to " + longestHeldNanos / 1_000_000
					+ " ms) in the last " + LOG_INTERVAL_NANOS / 1_000_000_000 + " s (cause buffer-budget)");
		}
	}

	/**
	 * One connection's input. Its bytes change on the connection's event loop only; the thread
	 * that sweeps reads them and may tell the connection to leave. Bytes of a leaving connection
	 * are counted as on their way back, so that one sweep's victims are not swept for again.
	 */
	final class Share {

		private final Executor eventLoop;

		private final Runnable close;

		// a field and an updater rather than an AtomicBoolean: every idle connection has a share
		private volatile int told;

		private volatile long bytes;

		private volatile long since;

		/** What the sweeper counted as leaving; handed to the event loop with the close. */
		private long toldBytes;

		/** Event loop only: what this share counts in {@code leaving}; -1 until it is told to leave. */
		private long leavingBytes = -1;

		private Share(Executor eventLoop, Runnable close) {
			this.eventLoop = eventLoop;
			this.close = close;
		}

		/**
		 * On the connection's event loop: it holds this many bytes now.
		 * @return false when the budget has no room for them even with the longest holders told
		 * to leave: this connection must give them back now (and close)
		 */
		boolean hold(long now) {
			long before = this.bytes;
			if (now == before) {
				return true;
			}
			if (before == 0) {
				this.since = InputBudget.this.nanoClock.getAsLong();
				InputBudget.this.holding.add(this);
			}
			this.bytes = now;
			if (now == 0) {
				InputBudget.this.holding.remove(this);
			}
			if (this.leavingBytes >= 0) {
				InputBudget.this.leaving.addAndGet(now - this.leavingBytes);
				this.leavingBytes = now;
			}
			return changed(this, now - before);
		}

		/** On the sweeping thread: the bytes counted as leaving, or 0 when it was told already. */
		private long leave() {
			long held = this.bytes;
			if (held == 0 || !TOLD.compareAndSet(this, 0, 1)) {
				return 0;
			}
			this.toldBytes = held;
			InputBudget.this.leaving.addAndGet(held);
			this.eventLoop.execute(this::left);
			return held;
		}

		private void left() {
			this.leavingBytes = this.toldBytes;
			// what it held changed since it was counted (it may have closed already): settle the difference
			long now = this.bytes;
			InputBudget.this.leaving.addAndGet(now - this.leavingBytes);
			this.leavingBytes = now;
			this.close.run();
		}

	}

}
