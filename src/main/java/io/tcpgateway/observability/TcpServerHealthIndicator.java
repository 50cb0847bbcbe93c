package io.tcpgateway.observability;

import io.tcpgateway.server.ListenerProperties;
import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code tcpServer} health component: UP while the listener accepts connections. Part of
 * the readiness group, so a load balancer stops sending connections when it is DOWN.
 */
@Component("tcpServer")
class TcpServerHealthIndicator implements HealthIndicator {

	private final NettyServerConnectionFactory listener;

	TcpServerHealthIndicator(NettyServerConnectionFactory listener) {
		this.listener = listener;
	}

	@Override
	public Health health() {
		ListenerProperties settings = this.listener.listener();
		Health.Builder health = this.listener.isListening() ? Health.up() : Health.down();
		health.withDetail("host", settings.host())
			.withDetail("port", this.listener.getPort())
			.withDetail("codec", settings.codec().propertyValue())
			.withDetail("activeConnections", this.listener.activeConnections());
		if (settings.maxConnections() > 0) {
			health.withDetail("maxConnections", settings.maxConnections());
		}
		return health.build();
	}

}
