package io.tcpgateway.server.gateway;

import java.util.concurrent.CompletionStage;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Reply;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;

/**
 * Server push from Spring Integration, as its collaborating outbound adapter does it: a message
 * sent to the push channel goes to the connection named by its {@value #SESSION_HEADER} header
 * (a session key) or by Spring Integration's {@code ip_connectionId}. A {@code byte[]} payload is
 * pushed as it is, anything else as its text. When the message has a reply channel (or the flow
 * an output channel), the {@link PushOutcome} is sent there once known.
 */
public final class PushMessageHandler extends AbstractReplyProducingMessageHandler {

	/** The message header naming the session key to push to. */
	public static final String SESSION_HEADER = "tcpgateway_session";

	private final TcpPush push;

	public PushMessageHandler(TcpPush push) {
		this.push = push;
		setAsync(true);
	}

	@Override
	protected @Nullable Object handleRequestMessage(Message<?> message) {
		Object payload = message.getPayload();
		Reply.Frame frame = (payload instanceof byte[] bytes) ? Reply.Frame.bytes(bytes)
				: (payload instanceof Reply.Frame given) ? given : Reply.Frame.text(String.valueOf(payload));
		String session = message.getHeaders().get(SESSION_HEADER, String.class);
		String connectionId = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
		CompletionStage<PushOutcome> outcome;
		if (session != null) {
			outcome = this.push.toSession(session, frame);
		}
		else if (connectionId != null) {
			outcome = this.push.toConnection(connectionId, frame);
		}
		else {
			throw new MessageHandlingException(message, "a message to push needs the header " + SESSION_HEADER
					+ " (a session key) or " + IpHeaders.CONNECTION_ID);
		}
		boolean answered = getOutputChannel() != null || message.getHeaders().getReplyChannel() != null;
		return answered ? outcome.toCompletableFuture() : null;
	}

	@Override
	public String getComponentType() {
		return "tcp-gateway:push-message-handler";
	}

}
