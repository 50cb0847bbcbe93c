package io.tcpgateway.server;

import java.util.List;

import io.tcpgateway.reply.ReplyService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Wires the listeners (see {@link TcpListenerRegistrar}), the threads they share, the error
 * flow that answers {@code ERR internal error}, and the graceful drain.
 */
@Configuration(proxyBeanMethods = false)
class TcpGatewayConfiguration {

	/**
	 * The gateways start listening after every other component is up (the web server and the
	 * flows they feed included) and stop before them.
	 */
	static final int GATEWAY_PHASE = Integer.MAX_VALUE - 1000;

	@Bean
	static TcpListenerRegistrar tcpListenerRegistrar() {
		return new TcpListenerRegistrar();
	}

	@Bean
	NettyEventLoops nettyEventLoops(TcpServerProperties properties) {
		return new NettyEventLoops(properties);
	}

	@Bean
	TcpListeners tcpListeners(TcpServerProperties properties, NettyEventLoops eventLoops,
			ObjectProvider<TrafficRecorder.Factory> recorders, SslBundles sslBundles, ReplyService replyService,
			MessageChannel tcpGatewayErrors) {
		return new TcpListeners(properties, eventLoops,
				recorders.getIfAvailable(() -> (listener, port, active) -> TrafficRecorder.NONE), sslBundles,
				replyService, tcpGatewayErrors);
	}

	@Bean
	GracefulDrain tcpGracefulDrain(List<NettyServerConnectionFactory> listeners, LifecycleProperties lifecycle,
			TcpServerProperties properties) {
		return new GracefulDrain(listeners, lifecycle.getTimeoutPerShutdownPhase(), properties.shutdownDelay());
	}

	@Bean
	MessageChannel tcpGatewayErrors() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow tcpGatewayErrorFlow(MessageChannel tcpGatewayErrors) {
		InternalErrorReplies internalErrors = new InternalErrorReplies();
		return IntegrationFlow.from(tcpGatewayErrors)
			.handle(Throwable.class, (failure, headers) -> internalErrors.reply(failure))
			.get();
	}

}
