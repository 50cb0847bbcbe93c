package io.tcpgateway.server.gateway;

import io.tcpgateway.reply.ReplyService;

import org.springframework.integration.channel.FixedSubscriberChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

/**
 * The Spring Integration flows of a listener: the stock {@code TcpInboundGateway} on its
 * connection factory, to the {@link ReplyService} and back; and the error flow that answers
 * {@code ERR internal error} when building a reply fails.
 */
public final class GatewayFlows {

	private GatewayFlows() {
	}

	/**
	 * The gateway's request channel is a {@code FixedSubscriberChannel}: it hands each request
	 * straight to the reply service's handler, without a dispatcher, channel interceptors or a
	 * send timer per request, none of which a flow of one fixed step uses.
	 * @param connectionFactory the listener
	 * @param errors where the gateway sends failures; {@link #errorFlow} answers them
	 * @param phase the gateway's lifecycle phase
	 */
	public static IntegrationFlow replyFlow(AbstractServerConnectionFactory connectionFactory,
			ReplyService replyService, MessageChannel errors, int phase) {
		return IntegrationFlow.from(Tcp.inboundGateway(connectionFactory)
			.requestChannel(new FixedSubscriberChannel(new ReplyServiceHandler(replyService)))
			.errorChannel(errors)
			.phase(phase)).get();
	}

	/** Logs each failure with its connection id and answers {@code ERR internal error}. */
	public static IntegrationFlow errorFlow(MessageChannel errors) {
		InternalErrorReplies internalErrors = new InternalErrorReplies();
		return IntegrationFlow.from(errors)
			.handle(Throwable.class, (failure, headers) -> internalErrors.reply(failure))
			.get();
	}

}
