package io.tcpgateway.server.connection;

/** What a connection tells its listener, on its event loop. */
public interface ConnectionEvents {

	/**
	 * The client was admitted and is known: register the connection.
	 * @return what runs its requests through the reply logic
	 */
	TurnAnswerer opened(Connection connection);

	/** The connection has closed and nothing it took is in progress any more. */
	void closed(Connection connection);

}
