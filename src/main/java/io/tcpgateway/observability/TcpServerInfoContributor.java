package io.tcpgateway.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Adds the listener summary to {@code /actuator/info}: the default listener's host, port and
 * codec, and each listener's under {@code listeners}.
 */
@Component
class TcpServerInfoContributor implements InfoContributor {

	private final List<NettyServerConnectionFactory> listeners;

	TcpServerInfoContributor(List<NettyServerConnectionFactory> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> summary = new LinkedHashMap<>(summary(this.listeners.get(0)));
		Map<String, Object> byName = new LinkedHashMap<>();
		this.listeners.forEach((listener) -> byName.put(listener.listener().name(), summary(listener)));
		summary.put("listeners", byName);
		builder.withDetail("tcpServer", summary);
	}

	private static Map<String, Object> summary(NettyServerConnectionFactory listener) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("host", listener.listener().host());
		summary.put("port", listener.getPort());
		summary.put("codec", listener.listener().codec().propertyValue());
		summary.put("tls", listener.listener().ssl().enabled());
		summary.put("proxyProtocol", listener.listener().proxyProtocol().propertyValue());
		return summary;
	}

}
