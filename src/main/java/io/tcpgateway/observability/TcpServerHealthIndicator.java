package io.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.server.ListenerProperties;
import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code tcpServer} health component: UP while every listener accepts connections. Part of
 * the readiness group, so a load balancer stops sending connections when it is DOWN. Details:
 * the default listener's host, port, codec, connections (and limit), and the same per listener
 * under {@code listeners}.
 */
@Component("tcpServer")
class TcpServerHealthIndicator implements HealthIndicator {

	private final List<NettyServerConnectionFactory> listeners;

	TcpServerHealthIndicator(List<NettyServerConnectionFactory> listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		boolean allListening = this.listeners.stream().allMatch(NettyServerConnectionFactory::isListening);
		Health.Builder health = allListening ? Health.up() : Health.down();
		Map<String, Object> byName = new LinkedHashMap<>();
		for (NettyServerConnectionFactory listener : this.listeners) {
			Map<String, Object> details = details(listener);
			byName.put(listener.listener().name(), details);
			if (listener == this.listeners.get(0)) {
				health.withDetails(details);
			}
		}
		return health.withDetail("listeners", byName).build();
	}

	private static Map<String, Object> details(NettyServerConnectionFactory listener) {
		ListenerProperties settings = listener.listener();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", listener.isListening() ? "UP" : "DOWN");
		details.put("host", settings.host());
		details.put("port", listener.getPort());
		details.put("codec", settings.codec().propertyValue());
		details.put("activeConnections", listener.activeConnections());
		if (settings.maxConnections() > 0) {
			details.put("maxConnections", settings.maxConnections());
		}
		return details;
	}

}
