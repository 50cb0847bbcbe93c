package io.tcpgateway.server.config;

import java.util.List;

import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Registers a connection factory bean and a gateway flow bean per listener: the default one
 * ({@code tcpServerConnectionFactory}, {@code tcpGatewayFlow}) and one pair per name under
 * {@code tcp.server.listeners} ({@code tcpServerConnectionFactory.<name>}, ...), built by
 * {@link TcpListeners}.
 */
class TcpListenerRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	static final String FACTORY_BEAN = "tcpServerConnectionFactory";

	static final String FLOW_BEAN = "tcpGatewayFlow";

	private List<String> names = List.of();

	@Override
	public void setEnvironment(Environment environment) {
		this.names = TcpListenerNames.of(Binder.get(environment));
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		BeanFactory beans = (BeanFactory) registry;
		for (String name : this.names) {
			String factoryBean = TcpListenerNames.beanName(FACTORY_BEAN, name);
			registry.registerBeanDefinition(factoryBean, new RootBeanDefinition(NettyServerConnectionFactory.class,
					() -> beans.getBean(TcpListeners.class).connectionFactory(name)));
			registry.registerBeanDefinition(TcpListenerNames.beanName(FLOW_BEAN, name),
					new RootBeanDefinition(IntegrationFlow.class, () -> beans.getBean(TcpListeners.class)
						.gatewayFlow(name, beans.getBean(factoryBean, NettyServerConnectionFactory.class))));
		}
	}

}
