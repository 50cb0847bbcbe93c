package io.tcpgateway.observability;

import java.util.List;
import java.util.Map;

import io.tcpgateway.server.view.ListenerView;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Adds the listener summary to {@code /actuator/info}: the default listener's host, port,
 * codec, TLS and PROXY protocol mode, and each listener's under {@code listeners}.
 */
@Component
class TcpServerInfoContributor implements InfoContributor {

	private final List<ListenerView> listeners;

	TcpServerInfoContributor(List<ListenerView> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("tcpServer", ListenerSummary.of(this.listeners, TcpServerInfoContributor::summary));
	}

	private static Map<String, Object> summary(ListenerView listener) {
		Map<String, Object> summary = ListenerSummary.basics(listener);
		summary.put("tls", listener.tls());
		summary.put("proxyProtocol", listener.proxyProtocol());
		return summary;
	}

}
