package io.tcpgateway.server.config;

import java.util.List;

import io.tcpgateway.reply.ReplyService;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The {@link ReplyService} bean that answers a listener: the one its {@code reply-service}
 * names, or, unset, the application's only (or primary) one: the default command service, or
 * the service the application declares in its place.
 */
final class ReplyServiceLookup {

	private final ListableBeanFactory beans;

	ReplyServiceLookup(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/**
	 * @param listener the listener's name, for errors
	 * @param beanName its {@code reply-service} setting, inherited from the default listener
	 * @throws InvalidSettingException naming the listener's property and the beans there are
	 */
	ReplyService find(String listener, @Nullable String beanName) {
		String property = TcpListenerNames.prefix(listener) + ".reply-service";
		if (beanName == null || beanName.isBlank()) {
			ReplyService only = this.beans.getBeanProvider(ReplyService.class).getIfUnique();
			if (only == null) {
				throw new InvalidSettingException(property, "is not set, and there is no single ReplyService "
						+ "bean to answer listener '" + listener + "': name one of " + serviceNames()
						+ " (or mark one @Primary)");
			}
			return only;
		}
		if (!this.beans.containsBean(beanName) || !this.beans.isTypeMatch(beanName, ReplyService.class)) {
			throw new InvalidSettingException(property,
					"is '" + beanName + "', which names no ReplyService bean; the ReplyService beans are " + serviceNames());
		}
		return this.beans.getBean(beanName, ReplyService.class);
	}

	private List<String> serviceNames() {
		return List.of(this.beans.getBeanNamesForType(ReplyService.class));
	}

}
