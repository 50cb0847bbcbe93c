package io.tcpgateway.observability;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.SessionView;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The meters of sessions and pushes: {@code tcp.server.sessions} (keys bound now, all listeners),
 * {@code tcp.server.messages.pushed{listener,port,outcome}}, whose pushes that reached no
 * connection at all are tagged {@code listener=none}, the offline queue's depth and expired
 * frames, and with a shared store the pushes sent to other instances and the store's round trips.
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
		for (String outcome : List.of(PushOutcome.NOT_CONNECTED.value(), PushOutcome.QUEUED.value(),
				PushOutcome.REFUSED.value(), PushOutcome.UNAVAILABLE.value())) {
			FunctionCounter.builder(PUSHED, view, (sessions) -> sessions.unroutedPushes(outcome))
				.description("Frames pushed to clients, by outcome")
				.tags(Tags.of("listener", ListenerView.NONE, "port", "0", "outcome", outcome))
				.register(this.registry);
		}
		Gauge.builder("tcp.server.sessions.offline-queue.frames", view, SessionView::queuedFrames)
			.strongReference(true)
			.description("Frames waiting in offline queues for keys connected nowhere (with Redis, all instances')")
			.register(this.registry);
		FunctionCounter.builder("tcp.server.sessions.offline-queue.expired", view, SessionView::expiredFrames)
			.description("Queued frames dropped because they expired")
			.register(this.registry);
		if (!view.store().equals("local")) {
			storeMeters(view);
		}
	}

	/** A store shared by instances: pushes sent to the instance holding the key, and round trips. */
	private void storeMeters(SessionView view) {
		for (PushOutcome outcome : PushOutcome.values()) {
			FunctionCounter.builder("tcp.server.sessions.remote-pushes", view,
					(sessions) -> sessions.remotePushes(outcome.value()))
				.description("Pushes sent to the instance holding the session key, by how they ended there")
				.tag("outcome", outcome.value())
				.register(this.registry);
		}
		FunctionTimer
			.builder("tcp.server.sessions.store.round-trip", view, SessionView::storeRoundTrips,
					SessionView::storeRoundTripSeconds, TimeUnit.SECONDS)
			.description("Round trips to the session store (its scripts: bind, route, release, sweep)")
			.tag("store", view.store())
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
