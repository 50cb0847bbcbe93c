package io.tcpgateway.server.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.tcpgateway.reply.Reply;

/**
 * The frames pushed to session keys connected nowhere, in this process's memory: at most
 * {@code max-per-key} frames for each of at most {@code max-keys} keys, each for {@code ttl}. Lost
 * when the process stops. Thread-safe: each key's frames change under its map entry's lock, so a
 * frame is queued or taken whole, and never queued for a key bound meanwhile.
 */
public final class OfflineQueue {

	/** What became of a frame offered. */
	public enum Offer {

		QUEUED,

		/** The key has {@code max-per-key} frames waiting, or {@code max-keys} keys have frames. */
		FULL,

		/** A connection holds the key now: push to it instead. */
		BOUND

	}

	private record Queued(Reply.Frame frame, long expiresAt) {
	}

	private final Map<String, ArrayDeque<Queued>> queues = new ConcurrentHashMap<>();

	private final int maxPerKey;

	private final long ttlNanos;

	private final int maxKeys;

	private final LongSupplier nanoTime;

	private final LongAdder depth = new LongAdder();

	private final LongAdder expired = new LongAdder();

	/** @param nanoTime the clock frames expire by ({@code System::nanoTime}) */
	public OfflineQueue(int maxPerKey, Duration ttl, int maxKeys, LongSupplier nanoTime) {
		this.maxPerKey = maxPerKey;
		this.ttlNanos = ttl.toNanos();
		this.maxKeys = maxKeys;
		this.nanoTime = nanoTime;
	}

	/**
	 * Queues a frame behind those waiting for {@code key}, unless {@code bound} says a connection
	 * holds the key now (asked under the key's lock, so a bind that takes the queue cannot slip in).
	 */
	public Offer offer(String key, Reply.Frame frame, BooleanSupplier bound) {
		Offer[] offer = new Offer[1];
		this.queues.compute(key, (k, frames) -> {
			if (bound.getAsBoolean()) {
				offer[0] = Offer.BOUND;
				return frames;
			}
			long now = this.nanoTime.getAsLong();
			if (frames == null) {
				if (this.queues.size() >= this.maxKeys) {
					offer[0] = Offer.FULL;
					return null;
				}
				frames = new ArrayDeque<>();
			}
			dropExpired(frames, now);
			if (frames.size() >= this.maxPerKey) {
				offer[0] = Offer.FULL;
			}
			else {
				frames.add(new Queued(frame, now + this.ttlNanos));
				this.depth.increment();
				offer[0] = Offer.QUEUED;
			}
			return frames.isEmpty() ? null : frames;
		});
		return offer[0];
	}

	/** Takes every frame waiting for {@code key}, in order; those expired are dropped and counted. */
	public List<Reply.Frame> take(String key) {
		List<Reply.Frame> taken = new ArrayList<>();
		this.queues.computeIfPresent(key, (k, frames) -> {
			dropExpired(frames, this.nanoTime.getAsLong());
			for (Queued queued : frames) {
				taken.add(queued.frame());
			}
			this.depth.add(-frames.size());
			return null;
		});
		return taken;
	}

	/** Drops the frames that expired, all keys. */
	public void dropExpired() {
		long now = this.nanoTime.getAsLong();
		for (String key : this.queues.keySet()) {
			this.queues.computeIfPresent(key, (k, frames) -> {
				dropExpired(frames, now);
				return frames.isEmpty() ? null : frames;
			});
		}
	}

	private void dropExpired(ArrayDeque<Queued> frames, long now) {
		while (!frames.isEmpty() && frames.peek().expiresAt() - now <= 0) {
			frames.poll();
			this.depth.decrement();
			this.expired.increment();
		}
	}

	/** Frames waiting now, all keys. */
	public long depth() {
		return this.depth.sum();
	}

	/** Frames dropped expired since start. */
	public long expired() {
		return this.expired.sum();
	}

}
