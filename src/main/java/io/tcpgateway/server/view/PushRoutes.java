package io.tcpgateway.server.view;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The first half of a push from outside the process, such as one over HTTP: which open
 * connection a session key or a connection id leads to, and what its listener lets such a push
 * do, so that the caller can refuse the push before anything is written. The push itself then
 * goes to that connection by its id.
 */
public interface PushRoutes {

	/**
	 * The open connection of this process the session key is bound to now. A key bound to none
	 * here goes on through the session store (another instance, or the key's offline queue), with
	 * what {@link #unboundKeys()} allows.
	 */
	Optional<PushRoute> toSession(String key);

	/**
	 * What a push to a session key bound to no connection of this process may do: its listener
	 * is not known here (another instance's connection, or the next to bind the key), so every
	 * listener must take such pushes and one at least must fit the payload.
	 */
	UnboundKeys unboundKeys();

	/**
	 * The open connection with this id. An id of none is a push that found no connection, and
	 * is counted as one.
	 */
	Optional<PushRoute> toConnection(String connectionId);

	/**
	 * An open connection a push is about to go to, and what its listener allows.
	 *
	 * @param connectionId the connection's id
	 * @param listener its listener's name
	 * @param httpPush whether the listener takes pushes from outside the process
	 * ({@code tcp.server.http-push})
	 * @param maxMessageSize the largest payload the listener takes, framing excluded
	 * @param charset what the listener encodes text with
	 */
	record PushRoute(String connectionId, String listener, boolean httpPush, int maxMessageSize, Charset charset) {
	}

	/**
	 * What the listeners allow a push whose listener is not known yet.
	 *
	 * @param reachable whether such a push can still reach a client (another instance, or the
	 * key's offline queue); when not, it is simply not connected
	 * @param refusingHttpPush the listeners with {@code http-push: false}
	 * @param largestMaxMessageSize the largest payload a listener takes
	 */
	record UnboundKeys(boolean reachable, java.util.List<String> refusingHttpPush, int largestMaxMessageSize) {
	}

}
