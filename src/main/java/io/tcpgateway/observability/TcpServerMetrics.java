package io.tcpgateway.observability;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.reply.Command;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.TrafficRecorder;

import org.springframework.stereotype.Component;

/**
 * Registers the {@code tcp.server.*} meters of each listener once it is bound. Tags: the
 * listener's {@code name} and local {@code port}; never the remote address.
 */
@Component
class TcpServerMetrics implements TrafficRecorder.Factory {

	private final MeterRegistry registry;

	private final RequestTags requestTags;

	private final RequestTracing tracing;

	TcpServerMetrics(MeterRegistry registry, List<Command> commands, RequestTracing tracing) {
		this.registry = registry;
		this.tracing = tracing;
		this.requestTags = new RequestTags(commands.stream().map(Command::name).toList());
	}

	@Override
	public TrafficRecorder forListener(ListenerView listener) {
		Tags tags = Tags.of("listener", listener.name(), "port", String.valueOf(listener.port()));
		return new ListenerMetrics(this.registry, tags, this.requestTags, this.tracing, listener);
	}

}
