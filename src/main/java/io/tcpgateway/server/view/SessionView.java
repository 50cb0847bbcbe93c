package io.tcpgateway.server.view;

import java.util.List;

/** The sessions and pushes of this process, as operators see them. */
public interface SessionView {

	/** Pushes that found no connection (unknown id or key) since start: they belong to no listener. */
	long unroutedPushes();

	/** Session keys bound now. */
	int sessions();

	/** The session keys bound now, each with its connection, in the order of the keys. */
	List<Session> bindings();

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
