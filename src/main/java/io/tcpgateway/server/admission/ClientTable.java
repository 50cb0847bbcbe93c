package io.tcpgateway.server.admission;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.LongSupplier;

import io.tcpgateway.server.view.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * The per-client limits of one listener: connections open per client and a token bucket of new
 * connections per second (the burst equals the rate).
 * <p>
 * It tracks at most {@code max-tracked-clients} clients, the way HAProxy's stick tables do. A
 * client with no connection open is idle: its entry goes once its bucket is full again (within a
 * second), or sooner when the table is full and it is the least recently used idle one, to make
 * room for a new client. When every entry has a connection open, a new client is admitted
 * untracked (without per-client limits) rather than refused: a flood from many addresses can
 * neither grow the heap nor lock out everyone else.
 */
final class ClientTable {

	/** What {@link #take} decided. */
	enum Verdict {

		/** Counted: release it when the connection closes. */
		COUNTED(null),

		/** Admitted without per-client limits: the table is full of clients with connections open. */
		UNTRACKED(null),

		PER_CLIENT_LIMIT(RejectReason.PER_CLIENT_LIMIT),

		CONNECTION_RATE(RejectReason.CONNECTION_RATE);

		private final @Nullable RejectReason refusal;

		Verdict(@Nullable RejectReason refusal) {
			this.refusal = refusal;
		}

		/** Why the connection is refused, or {@code null} when it is admitted. */
		@Nullable RejectReason refusal() {
			return this.refusal;
		}

	}

	private final Map<ClientKey, Client> clients = new HashMap<>();

	/** The clients with no connection open, least recently used first. */
	private final LinkedHashSet<ClientKey> idle = new LinkedHashSet<>();

	private final int maxPerClient;

	private final int ratePerSecond;

	private final int capacity;

	private final LongSupplier nanoClock;

	ClientTable(int maxPerClient, int ratePerSecond, int capacity, LongSupplier nanoClock) {
		this.maxPerClient = maxPerClient;
		this.ratePerSecond = ratePerSecond;
		this.capacity = capacity;
		this.nanoClock = nanoClock;
	}

	/**
	 * Counts one more connection of this client, unless a limit refuses it or the table has no
	 * room for a new client.
	 * @param rate whether this connect counts against the connection rate
	 */
	synchronized Verdict take(InetAddress address, boolean rate) {
		long now = this.nanoClock.getAsLong();
		forgetExpired(now);
		ClientKey key = ClientKey.of(address);
		Client client = this.clients.get(key);
		if (client == null) {
			if (this.clients.size() >= this.capacity && !forgetLeastRecentlyUsed()) {
				return Verdict.UNTRACKED;
			}
			client = new Client(this.ratePerSecond, now);
			this.clients.put(key, client);
		}
		Verdict verdict = client.take(now, rate, this.maxPerClient, this.ratePerSecond);
		if (verdict == Verdict.COUNTED && client.open == 1) {
			this.idle.remove(key);
		}
		return verdict;
	}

	/** One connection {@link Verdict#COUNTED counted} by {@link #take} closed. */
	synchronized void release(InetAddress address) {
		ClientKey key = ClientKey.of(address);
		Client client = this.clients.get(key);
		if (--client.open == 0) {
			if (client.expired(this.nanoClock.getAsLong(), this.ratePerSecond)) {
				this.clients.remove(key);
			}
			else {
				this.idle.add(key);
			}
		}
	}

	/** Clients tracked now. */
	synchronized int size() {
		return this.clients.size();
	}

	/** Idle entries go, oldest first, until one still has a bucket to refill. */
	private void forgetExpired(long now) {
		for (Iterator<ClientKey> oldest = this.idle.iterator(); oldest.hasNext();) {
			ClientKey key = oldest.next();
			if (!this.clients.get(key).expired(now, this.ratePerSecond)) {
				return;
			}
			oldest.remove();
			this.clients.remove(key);
		}
	}

	/** Whether an idle entry made room. */
	private boolean forgetLeastRecentlyUsed() {
		Iterator<ClientKey> oldest = this.idle.iterator();
		if (!oldest.hasNext()) {
			return false;
		}
		this.clients.remove(oldest.next());
		oldest.remove();
		return true;
	}

	/** One client's count and bucket; changed only under the table's lock. */
	private static final class Client {

		int open;

		double tokens;

		long refilledAt;

		Client(int ratePerSecond, long now) {
			this.tokens = ratePerSecond;
			this.refilledAt = now;
		}

		Verdict take(long now, boolean rate, int maxPerClient, int ratePerSecond) {
			if (maxPerClient > 0 && this.open >= maxPerClient) {
				return Verdict.PER_CLIENT_LIMIT;
			}
			if (rate && ratePerSecond > 0) {
				refill(now, ratePerSecond);
				if (this.tokens < 1) {
					return Verdict.CONNECTION_RATE;
				}
				this.tokens--;
			}
			this.open++;
			return Verdict.COUNTED;
		}

		boolean expired(long now, int ratePerSecond) {
			if (this.open > 0) {
				return false;
			}
			if (ratePerSecond > 0) {
				refill(now, ratePerSecond);
				return this.tokens >= ratePerSecond;
			}
			return true;
		}

		private void refill(long now, int ratePerSecond) {
			this.tokens = Math.min(ratePerSecond, this.tokens + (now - this.refilledAt) * ratePerSecond / 1e9);
			this.refilledAt = now;
		}

	}

}
