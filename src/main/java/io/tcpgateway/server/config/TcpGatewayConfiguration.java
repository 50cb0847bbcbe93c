package io.tcpgateway.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.server.GracefulDrain;
import io.tcpgateway.server.NettyServerConnectionFactory;
import io.tcpgateway.server.admission.DescriptorBudget;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.session.LocalSessionStore;
import io.tcpgateway.server.session.OfflineQueue;
import io.tcpgateway.server.session.PushService;
import io.tcpgateway.server.session.SessionRegistry;
import io.tcpgateway.server.session.SessionStore;
import io.tcpgateway.server.session.Sessions;
import io.tcpgateway.server.gateway.GatewayFlows;
import io.tcpgateway.server.gateway.PushMessageHandler;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Wires the listeners (see {@link TcpListenerRegistrar}), the threads they share, the error
 * flow that answers {@code ERR internal error}, and the graceful drain.
 */
@Configuration(proxyBeanMethods = false)
@Import(TcpListenerRegistrar.class)
class TcpGatewayConfiguration {

	private static final Log log = LogFactory.getLog(TcpGatewayConfiguration.class);

	@Bean
	@ConfigurationPropertiesBinding
	static SettingValueConverter tcpSettingValueConverter() {
		return new SettingValueConverter();
	}

	@Bean
	ServerThreads tcpServerThreads(TcpServerProperties properties) {
		return new ServerThreads(properties.transport(), properties.effectiveEventLoopThreads(),
				properties.workerThreads(), properties.workerQueue(), properties.requestTimeout());
	}

	/** The connections the open-file limit leaves room for, all listeners together. */
	@Bean
	DescriptorBudget tcpDescriptorBudget() {
		DescriptorBudget budget = DescriptorBudget.ofThisProcess();
		log.info("TCP connections, all listeners together: at most " + budget.describe());
		return budget;
	}

	/** The input all connections may hold unframed, all listeners together. */
	@Bean
	InputBudget tcpInputBudget(TcpServerProperties properties) {
		InputBudget budget = InputBudgets.of(properties.maxBufferedBytes());
		log.info("TCP buffered input, all connections together: at most " + InputBudgets.describe(budget,
				properties.maxBufferedBytes()));
		return budget;
	}

	@Bean
	TcpListeners tcpListeners(Environment environment, ListenerProperties defaultListener, TcpServerProperties server,
			SslBundles sslBundles, ServerThreads threads, DescriptorBudget budget, InputBudget inputBudget,
			Sessions sessions,
			ObjectProvider<TrafficRecorder.Factory> recorders, ObjectProvider<ConnectionListener> connectionListeners,
			ListableBeanFactory beans, MessageChannel tcpGatewayErrors) {
		ListenerSettingsResolver resolver = new ListenerSettingsResolver(sslBundles);
		ReplyServiceLookup replyServices = new ReplyServiceLookup(beans);
		List<TcpListeners.Listener> listeners = new ArrayList<>();
		ListenerProperties
			.ofEachListener(TcpListenerNames.of(Binder.get(environment)), defaultListener, server.listeners())
			.forEach((name, properties) -> listeners.add(new TcpListeners.Listener(resolver.resolve(name, properties),
					replyServices.find(name, properties.replyService()))));
		InputBudgets.check(inputBudget, server.maxBufferedBytes() != null,
				listeners.stream().map(TcpListeners.Listener::settings).toList());
		return new TcpListeners(listeners, threads, budget, inputBudget, sessions,
				recorders.getIfAvailable(() -> (listener) -> TrafficRecorder.NONE),
				connectionListeners.orderedStream().toList(), tcpGatewayErrors);
	}

	/** Which connection each session key is bound to, all listeners together. */
	@Bean
	SessionRegistry tcpSessionRegistry(TcpServerProperties properties) {
		return new SessionRegistry(properties.sessions().onConflict());
	}

	/** Sessions of this process alone; the offline queue, if on, in its memory. */
	@Bean
	@ConditionalOnProperty(name = "tcp.server.sessions.store", havingValue = "local", matchIfMissing = true)
	LocalSessionStore tcpLocalSessionStore(SessionRegistry registry, TcpServerProperties properties) {
		SessionsProperties.OfflineQueueProperties queue = properties.sessions().offlineQueue();
		return new LocalSessionStore(registry, queue.enabled()
				? new OfflineQueue(queue.maxPerKey(), queue.ttl(), queue.maxKeys(), System::nanoTime) : null);
	}

	@Bean
	Sessions tcpSessions(SessionRegistry registry, SessionStore store) {
		return new Sessions(registry, store);
	}

	@Bean
	SessionStoreLifecycle tcpSessionStoreLifecycle(SessionStore store) {
		return new SessionStoreLifecycle(store);
	}

	/** Server push from Java: {@link io.tcpgateway.push.TcpPush}. */
	@Bean
	PushService tcpPush(Sessions sessions, TcpServerProperties properties,
			ObjectProvider<NettyServerConnectionFactory> listeners) {
		return new PushService(sessions, properties.sessions().store().name().toLowerCase(Locale.ROOT),
				() -> listeners.orderedStream().toList());
	}

	/**
	 * Server push from Spring Integration: a message sent here with the header
	 * {@code tcpgateway_session} or {@code ip_connectionId} is pushed to that client.
	 */
	@Bean
	MessageChannel tcpPushChannel() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow tcpPushFlow(MessageChannel tcpPushChannel, PushService tcpPush) {
		return IntegrationFlow.from(tcpPushChannel).handle(new PushMessageHandler(tcpPush)).get();
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
		return GatewayFlows.errorFlow(tcpGatewayErrors);
	}

}
