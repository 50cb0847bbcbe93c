package io.tcpgateway.server.admission;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.tcpgateway.server.view.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * The per-client limits of one listener: connections open per client and a token bucket of new
 * connections per second (the burst equals the rate). An entry lives while its client has a
 * connection open, or while its bucket refills (at most a second after its last connect).
 * <p>
 * Its size is bounded: at {@value #MAX_CLIENTS} clients, expired entries are swept (at most
 * every {@value #SWEEP_INTERVAL_MILLIS} ms); a new client that still finds no room is refused
 * as {@code connection-rate} until entries expire, so a flood from many addresses cannot grow
 * the heap without limit.
 */
final class ClientTable {

	static final int MAX_CLIENTS = 65_536;

	static final long SWEEP_INTERVAL_MILLIS = 100;

	private final ConcurrentHashMap<ClientKey, Client> clients = new ConcurrentHashMap<>();

	private final int maxPerClient;

	private final int ratePerSecond;

	private final int capacity;

	private final LongSupplier nanoClock;

	private volatile long lastSweepNanos;

	ClientTable(int maxPerClient, int ratePerSecond, LongSupplier nanoClock) {
		this(maxPerClient, ratePerSecond, MAX_CLIENTS, nanoClock);
	}

	ClientTable(int maxPerClient, int ratePerSecond, int capacity, LongSupplier nanoClock) {
		this.maxPerClient = maxPerClient;
		this.ratePerSecond = ratePerSecond;
		this.capacity = capacity;
		this.nanoClock = nanoClock;
		this.lastSweepNanos = nanoClock.getAsLong() - SWEEP_INTERVAL_MILLIS * 1_000_000;
	}

	/**
	 * Counts one more connection of this client, unless a limit refuses it.
	 * @param rate whether this connect counts against the connection rate
	 * @return why it is refused, or {@code null} when it is counted (release it on close)
	 */
	@Nullable RejectReason take(InetAddress address, boolean rate) {
		long now = this.nanoClock.getAsLong();
		ClientKey key = ClientKey.of(address);
		if (!this.clients.containsKey(key) && this.clients.size() >= this.capacity && !sweep(now)) {
			return RejectReason.CONNECTION_RATE;
		}
		RejectReason[] refused = new RejectReason[1];
		this.clients.compute(key, (k, client) -> {
			Client counted = (client != null) ? client : new Client(this.ratePerSecond, now);
			refused[0] = counted.take(now, rate, this.maxPerClient, this.ratePerSecond);
			return (refused[0] != null && client == null) ? null : counted;
		});
		return refused[0];
	}

	/** One connection counted by {@link #take} closed. */
	void release(InetAddress address) {
		long now = this.nanoClock.getAsLong();
		this.clients.computeIfPresent(ClientKey.of(address), (key, client) -> {
			client.open--;
			return client.expired(now, this.ratePerSecond) ? null : client;
		});
	}

	/** Clients tracked now. */
	int size() {
		return this.clients.size();
	}

	/** Removes expired entries, at most once per interval; whether there is room now. */
	private boolean sweep(long now) {
		long last = this.lastSweepNanos;
		if (now - last >= SWEEP_INTERVAL_MILLIS * 1_000_000) {
			this.lastSweepNanos = now;
			for (ClientKey key : this.clients.keySet()) {
				this.clients.computeIfPresent(key,
						(k, client) -> client.expired(now, this.ratePerSecond) ? null : client);
			}
		}
		return this.clients.size() < this.capacity;
	}

	/** One client's count and bucket; changed only inside the map's per-key compute. */
	private static final class Client {

		int open;

		double tokens;

		long refilledAt;

		Client(int ratePerSecond, long now) {
			this.tokens = ratePerSecond;
			this.refilledAt = now;
		}

		@Nullable RejectReason take(long now, boolean rate, int maxPerClient, int ratePerSecond) {
			if (maxPerClient > 0 && this.open >= maxPerClient) {
				return RejectReason.PER_CLIENT_LIMIT;
			}
			if (rate && ratePerSecond > 0) {
				refill(now, ratePerSecond);
				if (this.tokens < 1) {
					return RejectReason.CONNECTION_RATE;
				}
				this.tokens--;
			}
			this.open++;
			return null;
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
