package io.tcpgateway.observability;

import java.util.List;
import java.util.Map;

import io.tcpgateway.server.view.ListenerView;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code tcpServer} health component: UP while every listener accepts connections. Part of
 * the readiness group, so a load balancer stops sending connections when it is DOWN. Details:
 * the default listener's status, host, port, codec, connections (and limit), and the same per
 * listener under {@code listeners}.
 */
@Component("tcpServer")
class TcpServerHealthIndicator implements HealthIndicator {

	private final List<ListenerView> listeners;

	TcpServerHealthIndicator(List<ListenerView> listeners) {
		this.listeners = listeners;
	}

	@Override
	public Health health() {
		boolean allListening = this.listeners.stream().allMatch(ListenerView::isListening);
		Health.Builder health = allListening ? Health.up() : Health.down();
		return health.withDetails(ListenerSummary.of(this.listeners, TcpServerHealthIndicator::details)).build();
	}

	private static Map<String, Object> details(ListenerView listener) {
		Map<String, Object> details = ListenerSummary.basics(listener);
		details.put("status", listener.isListening() ? "UP" : "DOWN");
		details.put("activeConnections", listener.activeConnections());
		if (listener.maxConnections() > 0) {
			details.put("maxConnections", listener.maxConnections());
		}
		return details;
	}

}
