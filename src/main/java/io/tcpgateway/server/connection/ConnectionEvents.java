package io.tcpgateway.server.connection;

import org.jspecify.annotations.Nullable;

/** What a connection tells its listener, on its event loop. */
public interface ConnectionEvents {

	/**
	 * The client was admitted and is known: register the connection.
	 * @return what runs its requests through the reply logic
	 */
	TurnAnswerer opened(Connection connection);

	/** The connection has closed and nothing it took is in progress any more. */
	void closed(Connection connection);

	/**
	 * The reply logic binds the connection to a session key, on the thread that answers.
	 * @param previous the key it was bound to until now, if any
	 * @return whether the key is bound to it now
	 */
	boolean bind(Connection connection, String key, @Nullable String previous);

}
