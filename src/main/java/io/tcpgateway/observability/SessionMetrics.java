package io.tcpgateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.SessionView;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The meters of sessions and pushes: {@code tcp.server.sessions} (keys bound now, all listeners)
 * and {@code tcp.server.messages.pushed{listener,port,outcome}}, whose pushes that found no
 * connection at all are tagged {@code listener=none}.
 */
@Component
class SessionMetrics implements SmartInitializingSingleton {

	private static final String PUSHED = "tcp.server.messages.pushed";

	private final MeterRegistry registry;

	private final ObjectProvider<SessionView> sessions;

	SessionMetrics(MeterRegistry registry, ObjectProvider<SessionView> sessions) {
		this.registry = registry;
		this.sessions = sessions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		SessionView view = this.sessions.getIfAvailable();
		if (view == null) {
			return;
		}
		Gauge.builder("tcp.server.sessions", view, SessionView::sessions)
			.strongReference(true)
			.description("Session keys bound now, all listeners together")
			.register(this.registry);
		FunctionCounter.builder(PUSHED, view, SessionView::unroutedPushes)
			.description("Frames pushed to clients, by outcome")
			.tags(Tags.of("listener", ListenerView.NONE, "port", "0", "outcome", "not-connected"))
			.register(this.registry);
	}

	/** The pushes of one listener that ended one way. */
	static Counter pushed(MeterRegistry registry, Tags listener, String outcome) {
		return Counter.builder(PUSHED)
			.description("Frames pushed to clients, by outcome")
			.tags(listener)
			.tag("outcome", outcome)
			.register(registry);
	}

}
