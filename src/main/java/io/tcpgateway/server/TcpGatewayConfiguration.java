package io.tcpgateway.server;

import java.util.List;

import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.security.ServerTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.messaging.MessageChannel;

/**
 * Wires the default listener: a Netty-backed connection factory under the stock
 * {@code TcpInboundGateway}, whose flow hands each message to the {@link ReplyService}.
 */
@Configuration(proxyBeanMethods = false)
class TcpGatewayConfiguration {

	/**
	 * The gateway starts listening after every other component is up (the web server and the
	 * flows it feeds included) and stops before them.
	 */
	static final int GATEWAY_PHASE = Integer.MAX_VALUE - 1000;

	@Bean
	NettyEventLoops nettyEventLoops(TcpServerProperties properties) {
		return new NettyEventLoops(properties);
	}

	@Bean
	NettyServerConnectionFactory tcpServerConnectionFactory(TcpServerProperties properties,
			NettyEventLoops eventLoops, ObjectProvider<TrafficRecorder.Factory> recorders, SslBundles sslBundles) {
		ListenerProperties listener = properties.defaultListener();
		ServerTls tls = listener.ssl().enabled() ? ServerTls.from(listener.ssl(), sslBundles) : null;
		return new NettyServerConnectionFactory(listener, eventLoops,
				recorders.getIfAvailable(() -> (settings, port, active) -> TrafficRecorder.NONE), tls);
	}

	@Bean
	GracefulDrain tcpGracefulDrain(List<NettyServerConnectionFactory> listeners, LifecycleProperties lifecycle) {
		return new GracefulDrain(listeners, lifecycle.getTimeoutPerShutdownPhase());
	}

	@Bean
	MessageChannel tcpGatewayErrors() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow tcpGatewayFlow(NettyServerConnectionFactory tcpServerConnectionFactory,
			MessageChannel tcpGatewayErrors, ReplyService replyService) {
		return IntegrationFlow
			.from(Tcp.inboundGateway(tcpServerConnectionFactory)
				.errorChannel(tcpGatewayErrors)
				.phase(GATEWAY_PHASE))
			.handle(new ReplyServiceHandler(replyService))
			.get();
	}

	@Bean
	IntegrationFlow tcpGatewayErrorFlow(MessageChannel tcpGatewayErrors) {
		InternalErrorReplies internalErrors = new InternalErrorReplies();
		return IntegrationFlow.from(tcpGatewayErrors)
			.handle(Throwable.class, (failure, headers) -> internalErrors.reply(failure))
			.get();
	}

}
