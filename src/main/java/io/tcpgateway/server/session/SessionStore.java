package io.tcpgateway.server.session;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.connection.Connection;

/**
 * Where session keys are known beyond this process's own connections, and where frames for a
 * key connected nowhere wait ({@code tcp.server.sessions.store}): {@link LocalSessionStore} for
 * this process alone, or a store shared by several instances.
 */
public interface SessionStore {

	/** Where a push to a key that no connection of this process holds ended up. */
	enum Where {

		/** A connection of this process took the key meanwhile and the frame: its listener counts it. */
		HERE,

		/** Sent to the instance that holds the key. */
		ELSEWHERE,

		/** No connection holds the key: queued, refused, not connected, or the store could not be asked. */
		NOWHERE

	}

	/** How a push that no connection of this process held went. */
	record Pushed(PushOutcome outcome, Where where) {
	}

	/**
	 * On the binding thread, right after {@code key} was bound to {@code connection} here: records
	 * the key as this process's, closes another instance's connection that held it, and hands the
	 * frames queued for the key to {@link Connection#follow}.
	 * @return false when another instance holds the key and keeps it (on-conflict reject)
	 */
	boolean bound(String key, Connection connection);

	/** {@code connection} let {@code key} go, or closed. */
	void released(String key, Connection connection);

	/** Pushes to a key that no connection of this process holds: elsewhere, into its queue, or nowhere. */
	CompletionStage<Pushed> pushElsewhere(String key, Reply.Frame frame);

	/**
	 * Whether a push to a key that no connection of this process holds can still reach a client:
	 * another instance's connection, or the key's next through its offline queue.
	 */
	boolean reachesBeyondThisProcess();

	/** Frames waiting in offline queues now (all instances' for a shared store, as last read). */
	long queuedFrames();

	/** Queued frames this process found expired and dropped, since start. */
	long expiredFrames();

	/** Script round trips to the store since start (0 for a store in this process). */
	default long roundTrips() {
		return 0;
	}

	/** Their total time in seconds. */
	default double roundTripSeconds() {
		return 0;
	}

	/** Before the listeners accept: connects, for a shared store. */
	default void open() {
	}

	/** After the listeners drained: this instance leaves a shared store. */
	default void close() {
	}

	/** Periodic work: expired frames dropped, and for a shared store this process's keys kept. */
	void housekeep();

	/** How often {@link #housekeep} runs; zero for never. */
	Duration housekeepingInterval();

}
