package io.tcpgateway.server.session.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.push.PushOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The pushes this instance sent to others and is waiting to hear about, by request number: each
 * completes with the outcome the other instance sends back, or {@code unavailable} once the
 * timeout passes. Bounded: past {@value #MAX} waiting, a push is not sent.
 */
final class RemotePushes {

	static final int MAX = 65_536;

	private final Map<Long, CompletableFuture<PushOutcome>> waiting = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final Duration timeout;

	RemotePushes(Duration timeout) {
		this.timeout = timeout;
	}

	/** A new request number and the outcome it waits for; {@code null} when too many wait. */
	@Nullable Waiting start() {
		if (this.waiting.size() >= MAX) {
			return null;
		}
		long request = this.requests.incrementAndGet();
		CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
		this.waiting.put(request, outcome);
		CompletableFuture<PushOutcome> bounded = outcome
			.completeOnTimeout(PushOutcome.UNAVAILABLE, this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.whenComplete((how, failure) -> this.waiting.remove(request));
		return new Waiting(request, bounded);
	}

	/** The outcome of a push sent, from the instance that took it. */
	void answered(long request, PushOutcome outcome) {
		CompletableFuture<PushOutcome> waiting = this.waiting.remove(request);
		if (waiting != null) {
			waiting.complete(outcome);
		}
	}

	/** The push was not sent after all: nobody answers it. */
	void forget(long request) {
		this.waiting.remove(request);
	}

	record Waiting(long request, CompletableFuture<PushOutcome> outcome) {
	}

}
