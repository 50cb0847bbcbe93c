package io.tcpgateway.server.view;

import java.util.List;

/** The sessions and pushes of this process, as operators see them. */
public interface SessionView {

	/**
	 * Pushes that reached no connection, here or on another instance, since start, by outcome
	 * ({@code not-connected}, {@code queued}, {@code refused}, {@code unavailable}): they belong
	 * to no listener.
	 */
	long unroutedPushes(String outcome);

	/**
	 * Pushes this process sent to the instance holding the key (a shared store), since start, by
	 * how they ended there ({@code written}, {@code not-connected}, {@code refused},
	 * {@code queued}, or {@code unavailable} when it did not answer in time).
	 */
	long remotePushes(String outcome);

	/** Session keys bound here now. */
	int sessions();

	/** The session keys bound here now, each with its connection, in the order of the keys. */
	List<Session> bindings();

	/** {@code tcp.server.sessions.store}: {@code local} or {@code redis}. */
	String store();

	/** Frames waiting in offline queues now (with a shared store, all instances', as last read). */
	long queuedFrames();

	/** Queued frames this process dropped because they expired, since start. */
	long expiredFrames();

	/** Round trips to a shared store (its scripts) since start; 0 with the local store. */
	long storeRoundTrips();

	/** Their total time, in seconds. */
	double storeRoundTripSeconds();

	/**
	 * One session key and the open connection it is bound to.
	 *
	 * @param key the session key
	 * @param connectionId the connection's id
	 * @param listener the connection's listener
	 */
	record Session(String key, String connectionId, String listener) {
	}

}
