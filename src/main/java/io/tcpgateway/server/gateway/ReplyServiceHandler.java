package io.tcpgateway.server.gateway;

import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.reply.Request;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The gateway flow's service activator: calls the {@link ReplyService} with the request, made of
 * the message's bytes (its payload) and the connection (its {@value Request#CONNECTION_HEADER}
 * header).
 * It returns the reply as a bare message (the gateway only reads the payload, and routes the
 * reply by the request's reply channel), instead of copying the request's headers into a new
 * one per request.
 */
class ReplyServiceHandler extends AbstractReplyProducingMessageHandler {

	private static final MessageHeaders NO_HEADERS = BareMessage.sharedHeaders(null);

	private final ReplyService replyService;

	ReplyServiceHandler(ReplyService replyService) {
		this.replyService = replyService;
	}

	@Override
	protected Object handleRequestMessage(Message<?> requestMessage) {
		ConnectionContext connection = (ConnectionContext) requestMessage.getHeaders().get(Request.CONNECTION_HEADER);
		Request request = Request.of((byte[]) requestMessage.getPayload(), connection);
		return new BareMessage<>(this.replyService.reply(request), NO_HEADERS);
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor metricsCaptor) {
		// not timed by Spring Integration: tcp.server.request.duration already times this call,
		// and a second timer per message is a measurable share of its cost
	}

	@Override
	public String getComponentType() {
		return "tcp-gateway:reply-service-handler";
	}

}
