package io.tcpgateway.reply;

import java.util.function.Function;

/**
 * Builds the reply to one request. The server calls it once per request, in order per
 * connection. Declare a bean of this type to replace the default command-based service.
 * A service that throws makes the server answer {@code ERR internal error}.
 * <p>
 * The simple case is a lambda over the text: {@code message -> Reply.of(message.toUpperCase())}.
 * A service that needs the exact bytes or the connection overrides {@link #reply(Request)}, or is
 * made with {@link #forRequests}.
 */
@FunctionalInterface
public interface ReplyService {

	/**
	 * @param message the request's text, decoded with the listener's charset, framing removed
	 */
	Reply reply(String message);

	/** What the server calls: by default the text alone goes to {@link #reply(String)}. */
	default Reply reply(Request request) {
		return reply(request.text());
	}

	/** A service over whole requests: bytes, text and connection. */
	static ReplyService forRequests(Function<Request, Reply> answer) {
		return new ReplyService() {
			@Override
			public Reply reply(String message) {
				return answer.apply(Request.ofText(message));
			}

			@Override
			public Reply reply(Request request) {
				return answer.apply(request);
			}
		};
	}

}
