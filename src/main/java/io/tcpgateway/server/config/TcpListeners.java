package io.tcpgateway.server.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.server.GracefulDrain;
import io.tcpgateway.server.ListenerSettings;
import io.tcpgateway.server.NettyServerConnectionFactory;
import io.tcpgateway.server.admission.DescriptorBudget;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.gateway.GatewayFlows;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.session.Sessions;
import io.tcpgateway.server.view.TrafficRecorder;

import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Builds each listener from its resolved settings: the Netty-backed connection factory and the
 * stock {@code TcpInboundGateway} flow to the listener's {@link ReplyService}.
 */
class TcpListeners {

	/** One listener as configured: its validated settings and the service that answers it. */
	record Listener(ListenerSettings settings, ReplyService replyService) {

		String name() {
			return this.settings.name();
		}

	}

	private final Map<String, Listener> listeners;

	private final ServerThreads threads;

	private final TrafficRecorder.Factory recorders;

	private final DescriptorBudget budget;

	private final InputBudget inputBudget;

	private final Sessions sessions;

	private final List<ConnectionListener> connectionListeners;

	private final MessageChannel errorChannel;

	TcpListeners(List<Listener> listeners, ServerThreads threads, DescriptorBudget budget, InputBudget inputBudget,
			Sessions sessions, TrafficRecorder.Factory recorders, List<ConnectionListener> connectionListeners,
			MessageChannel errorChannel) {
		this.sessions = sessions;
		this.budget = budget;
		this.inputBudget = inputBudget;
		this.connectionListeners = connectionListeners;
		this.listeners = listeners.stream().collect(Collectors.toMap(Listener::name, Function.identity()));
		this.threads = threads;
		this.recorders = recorders;
		this.errorChannel = errorChannel;
	}

	NettyServerConnectionFactory connectionFactory(String name) {
		return new NettyServerConnectionFactory(this.listeners.get(name).settings(), this.threads, this.recorders,
				this.budget, this.inputBudget, this.sessions, this.connectionListeners);
	}

	IntegrationFlow gatewayFlow(String name, NettyServerConnectionFactory connectionFactory) {
		return GatewayFlows.replyFlow(connectionFactory, this.listeners.get(name).replyService(), this.errorChannel,
				GracefulDrain.GATEWAY_PHASE);
	}

}
