package io.tcpgateway.server.gateway;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.reply.Request;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;

/**
 * The gateway flow's one subscriber, behind a {@code FixedSubscriberChannel}: calls the
 * {@link ReplyService} with the request, made of the message's bytes (its payload) and the
 * connection (its {@value Request#CONNECTION_HEADER} header), and sends the reply to the
 * request's reply channel, where the gateway waits for it.
 * <p>
 * A plain handler rather than a service activator: the gateway's reply travels back by the
 * request's reply channel either way, and the reply-producing machinery (its output resolution,
 * a message built around the reply, its own timer) costs a share of every request for nothing.
 * The reply is a bare message: the gateway only reads its payload.
 */
final class ReplyServiceHandler implements MessageHandler {

	private static final MessageHeaders NO_HEADERS = BareMessage.sharedHeaders(null);

	private final ReplyService replyService;

	ReplyServiceHandler(ReplyService replyService) {
		this.replyService = replyService;
	}

	@Override
	public void handleMessage(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		if (!(headers.getReplyChannel() instanceof MessageChannel replies)) {
			throw new MessagingException(message, "a request reached the reply service without a reply channel");
		}
		ConnectionContext connection = (ConnectionContext) headers.get(Request.CONNECTION_HEADER);
		Request request = Request.of((byte[]) message.getPayload(), connection);
		replies.send(new BareMessage<>(this.replyService.reply(request), NO_HEADERS));
	}

}
