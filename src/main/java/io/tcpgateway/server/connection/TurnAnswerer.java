package io.tcpgateway.server.connection;

/**
 * Runs one request through the reply logic: the Spring Integration gateway, behind the
 * connection's adapter. The connection knows nothing of Spring Integration.
 */
@FunctionalInterface
public interface TurnAnswerer {

	/**
	 * On the thread that answers the request: builds its reply and hands it to
	 * {@link Turn#replied} before returning. A turn given no reply is answered
	 * {@code ERR internal error}.
	 */
	void answer(Turn turn);

}
