package io.tcpgateway.push;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.tcpgateway.reply.Reply;

/**
 * Sends frames to clients outside any request: to one connection, to the connection a session
 * key is bound to ({@code ConnectionContext.bind}), or to every connection of a listener. A frame
 * is framed by the listener's codec and written whole, between replies, never inside one; frames
 * pushed to one connection are written in the order they were pushed. Each connection holds a
 * bounded number of pushed frames not yet written ({@code tcp.server.max-pending-pushes}); past
 * it, a push is {@link PushOutcome#REFUSED}. Declare a parameter of this type to have it injected.
 * <p>
 * The outcome completes on the connection's I/O thread: a callback that blocks must use the
 * {@code *Async} variants of {@link CompletionStage}.
 */
public interface TcpPush {

	/** Pushes to the connection with this id (Spring Integration's {@code ip_connectionId}). */
	CompletionStage<PushOutcome> toConnection(String connectionId, Reply.Frame frame);

	/** Pushes to the connection this session key is bound to. */
	CompletionStage<PushOutcome> toSession(String key, Reply.Frame frame);

	/** Pushes to every connection of a listener: how many pushes ended each way. */
	CompletionStage<Map<PushOutcome, Integer>> toListener(String listener, Reply.Frame frame);

	default CompletionStage<PushOutcome> toConnection(String connectionId, String text) {
		return toConnection(connectionId, Reply.Frame.text(text));
	}

	default CompletionStage<PushOutcome> toConnection(String connectionId, byte[] bytes) {
		return toConnection(connectionId, Reply.Frame.bytes(bytes));
	}

	default CompletionStage<PushOutcome> toSession(String key, String text) {
		return toSession(key, Reply.Frame.text(text));
	}

	default CompletionStage<PushOutcome> toSession(String key, byte[] bytes) {
		return toSession(key, Reply.Frame.bytes(bytes));
	}

}
