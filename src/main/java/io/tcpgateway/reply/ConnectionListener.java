package io.tcpgateway.reply;

/**
 * Told when a connection opens and when it closes, for session setup and teardown. Declare a
 * bean of this type. Called on the connection's I/O thread: do not block. A listener that throws
 * is logged and does not affect the connection.
 */
public interface ConnectionListener {

	/** The connection was admitted (after its PROXY header, if any); before its first request. */
	default void opened(ConnectionContext connection) {
	}

	/**
	 * The connection closed and every request it had taken is done.
	 * @param cause why, as {@code tcp.server.connections.closed} tags it: {@code client-close},
	 * {@code reply-close}, {@code idle-timeout}, {@code drain}, {@code reset} and so on
	 */
	default void closed(ConnectionContext connection, String cause) {
	}

}
