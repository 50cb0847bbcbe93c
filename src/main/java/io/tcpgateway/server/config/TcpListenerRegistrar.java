package io.tcpgateway.server.config;

import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Registers a connection factory bean and a gateway flow bean per listener: the default one
 * ({@code tcpServerConnectionFactory}, {@code tcpGatewayFlow}) and one pair per name under
 * {@code tcp.server.listeners} ({@code tcpServerConnectionFactory.<name>}, ...), built by
 * {@link TcpListeners}.
 * <p>
 * A {@link BeanRegistrar}: Spring AOT does not freeze what it registers, it calls it again at
 * run time, so the listeners stay a run-time setting there too. Public for that generated code.
 */
public final class TcpListenerRegistrar implements BeanRegistrar {

	static final String FACTORY_BEAN = "tcpServerConnectionFactory";

	static final String FLOW_BEAN = "tcpGatewayFlow";

	@Override
	public void register(BeanRegistry registry, Environment environment) {
		for (String name : TcpListenerNames.of(Binder.get(environment))) {
			String factoryBean = TcpListenerNames.beanName(FACTORY_BEAN, name);
			registry.registerBean(factoryBean, NettyServerConnectionFactory.class, (factory) -> factory
				.supplier((beans) -> beans.bean(TcpListeners.class).connectionFactory(name)));
			registry.registerBean(TcpListenerNames.beanName(FLOW_BEAN, name), IntegrationFlow.class,
					(flow) -> flow.supplier((beans) -> beans.bean(TcpListeners.class)
						.gatewayFlow(name, beans.bean(factoryBean, NettyServerConnectionFactory.class))));
		}
	}

}
