package io.tcpgateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * Registers a connection factory bean and a gateway flow bean per listener: the default one
 * ({@code tcpServerConnectionFactory}, {@code tcpGatewayFlow}) and one pair per name under
 * {@code tcp.server.listeners} ({@code tcpServerConnectionFactory.<name>}, ...). The beans are
 * built by {@link TcpListeners} from the validated {@link TcpServerProperties}.
 */
class TcpListenerRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

	static final String FACTORY_BEAN = "tcpServerConnectionFactory";

	static final String FLOW_BEAN = "tcpGatewayFlow";

	private List<String> names = List.of(TcpServerProperties.DEFAULT_LISTENER);

	@Override
	public void setEnvironment(Environment environment) {
		List<String> all = new ArrayList<>(List.of(TcpServerProperties.DEFAULT_LISTENER));
		Binder.get(environment)
			.bind("tcp.server.listeners", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.ifBound((named) -> all.addAll(new TreeSet<>(named)));
		this.names = all;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		BeanFactory beans = (BeanFactory) registry;
		for (String name : this.names) {
			String factoryBean = beanName(FACTORY_BEAN, name);
			registry.registerBeanDefinition(factoryBean, new RootBeanDefinition(NettyServerConnectionFactory.class,
					() -> beans.getBean(TcpListeners.class).connectionFactory(name)));
			registry.registerBeanDefinition(beanName(FLOW_BEAN, name),
					new RootBeanDefinition(IntegrationFlow.class, () -> beans.getBean(TcpListeners.class)
						.gatewayFlow(beans.getBean(factoryBean, NettyServerConnectionFactory.class))));
		}
	}

	private static String beanName(String base, String listener) {
		return TcpServerProperties.DEFAULT_LISTENER.equals(listener) ? base : base + "." + listener;
	}

}
