package io.tcpgateway.server.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Sessions of this process alone ({@code tcp.server.sessions.store=local}): a key is known only
 * to the instance its connection is on, and the offline queue, when on, lives in this process's
 * memory and is lost when it stops.
 */
public final class LocalSessionStore implements SessionStore {

	private static final CompletableFuture<Pushed> NOT_CONNECTED = CompletableFuture
		.completedFuture(new Pushed(PushOutcome.NOT_CONNECTED, Where.NOWHERE));

	private static final Duration SWEEP = Duration.ofSeconds(5);

	private final SessionRegistry registry;

	/** {@code null} when the offline queue is off. */
	private final @Nullable OfflineQueue queue;

	public LocalSessionStore(SessionRegistry registry, @Nullable OfflineQueue queue) {
		this.registry = registry;
		this.queue = queue;
	}

	@Override
	public boolean bound(String key, Connection connection) {
		if (this.queue != null) {
			connection.follow(this.queue.take(key));
		}
		return true;
	}

	@Override
	public void released(String key, Connection connection) {
	}

	@Override
	public boolean reachesBeyondThisProcess() {
		return this.queue != null;
	}

	@Override
	public CompletionStage<Pushed> pushElsewhere(String key, Reply.Frame frame) {
		if (this.queue == null) {
			return NOT_CONNECTED;
		}
		return switch (this.queue.offer(key, frame, () -> this.registry.find(key) != null)) {
			case QUEUED -> CompletableFuture.completedFuture(new Pushed(PushOutcome.QUEUED, Where.NOWHERE));
			case FULL -> CompletableFuture.completedFuture(new Pushed(PushOutcome.REFUSED, Where.NOWHERE));
			case BOUND -> pushHere(key, frame);
		};
	}

	/** The key was bound while the push looked for it: to its connection, if it is still open. */
	private CompletionStage<Pushed> pushHere(String key, Reply.Frame frame) {
		Connection connection = this.registry.find(key);
		return (connection != null) ? connection.push(frame).thenApply((outcome) -> new Pushed(outcome, Where.HERE))
				: NOT_CONNECTED;
	}

	@Override
	public long queuedFrames() {
		return (this.queue != null) ? this.queue.depth() : 0;
	}

	@Override
	public long expiredFrames() {
		return (this.queue != null) ? this.queue.expired() : 0;
	}

	@Override
	public void housekeep() {
		if (this.queue != null) {
			this.queue.dropExpired();
		}
	}

	@Override
	public Duration housekeepingInterval() {
		return (this.queue != null) ? SWEEP : Duration.ZERO;
	}

}
