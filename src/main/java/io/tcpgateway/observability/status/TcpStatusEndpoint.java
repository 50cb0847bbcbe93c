package io.tcpgateway.observability.status;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.tcpgateway.server.view.ListenerView;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

/**
 * {@code /actuator/tcpstatus}: the status page, an HTML page on the management port like
 * HAProxy's stats page. Read-only; it names client addresses, so it is exposed and secured like
 * the {@code tcpconnections} endpoint.
 */
@WebEndpoint(id = "tcpstatus", defaultAccess = Access.READ_ONLY)
class TcpStatusEndpoint {

	private final String application;

	private final List<ListenerView> listeners;

	private final StatusSampler sampler;

	private final Clock clock;

	TcpStatusEndpoint(String application, List<ListenerView> listeners, StatusSampler sampler, Clock clock) {
		this.application = application;
		this.listeners = listeners;
		this.sampler = sampler;
		this.clock = clock;
	}

	@ReadOperation(produces = "text/html;charset=UTF-8")
	String page() {
		Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		return StatusPage.render(this.application, this.clock.instant(), uptime, this.listeners, this.sampler);
	}

}
