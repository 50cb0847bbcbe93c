package io.tcpgateway.server;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.security.ServerTls;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;

/**
 * Builds one listener from its settings: the Netty-backed connection factory (codec, TLS,
 * limits) and the stock {@code TcpInboundGateway} flow to the {@link ReplyService}. Every
 * listener, the default one and those under {@code tcp.server.listeners}, is built here.
 */
class TcpListeners {

	private final Map<String, ListenerProperties> listeners;

	private final NettyEventLoops eventLoops;

	private final TrafficRecorder.Factory recorders;

	private final SslBundles sslBundles;

	private final ReplyService replyService;

	private final MessageChannel errorChannel;

	TcpListeners(TcpServerProperties properties, NettyEventLoops eventLoops, TrafficRecorder.Factory recorders,
			SslBundles sslBundles, ReplyService replyService, MessageChannel errorChannel) {
		this.listeners = properties.allListeners()
			.stream()
			.collect(Collectors.toMap(ListenerProperties::name, Function.identity()));
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.sslBundles = sslBundles;
		this.replyService = replyService;
		this.errorChannel = errorChannel;
	}

	NettyServerConnectionFactory connectionFactory(String name) {
		ListenerProperties listener = this.listeners.get(name);
		ServerTls tls = listener.ssl().enabled() ? ServerTls.from(listener.ssl(), this.sslBundles) : null;
		return new NettyServerConnectionFactory(listener, this.eventLoops, this.recorders, tls);
	}

	IntegrationFlow gatewayFlow(NettyServerConnectionFactory connectionFactory) {
		return IntegrationFlow
			.from(Tcp.inboundGateway(connectionFactory)
				.errorChannel(this.errorChannel)
				.phase(TcpGatewayConfiguration.GATEWAY_PHASE))
			.handle(new ReplyServiceHandler(this.replyService))
			.get();
	}

}
