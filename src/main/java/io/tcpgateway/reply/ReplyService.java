package io.tcpgateway.reply;

/**
 * Builds the reply to one received message. The server calls it once per message, in order per
 * connection. Declare a bean of this type to replace the default command-based service.
 * A service that throws makes the server answer {@code ERR internal error}.
 */
@FunctionalInterface
public interface ReplyService {

	/**
	 * @param message the message text, decoded as UTF-8, framing removed
	 */
	Reply reply(String message);

}
