package io.tcpgateway.observability;

import java.net.InetSocketAddress;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.tcpgateway.server.view.RequestTrace;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A Micrometer observation per request, {@code tcp.server.request}, tagged with the listener and
 * the bounded command tag; with Spring Boot's tracing it becomes a span (Micrometer Tracing over
 * OpenTelemetry, exported by OTLP), and what the service logs meanwhile carries its trace and span
 * ids. On only while Boot's tracing is: {@code management.tracing.export.enabled} (default true)
 * and {@code management.tracing.sampling.probability} above 0. Off, requests make no observation
 * at all, so the request path costs nothing more.
 */
@Component
class RequestTracing {

	static final String NAME = "tcp.server.request";

	private final @Nullable ObservationRegistry registry;

	RequestTracing(ObservationRegistry registry, Environment environment) {
		this.registry = (TracingAutoConfigurationFilter.tracingOn(environment) && !registry.isNoop()) ? registry : null;
	}

	boolean enabled() {
		return this.registry != null;
	}

	RequestTrace start(String listener, String command, String connectionId, InetSocketAddress client) {
		ObservationRegistry observations = this.registry;
		if (observations == null) {
			return RequestTrace.NONE;
		}
		Observation observation = Observation.createNotStarted(NAME, RequestContext::new, observations)
			.contextualName("tcp " + command)
			.lowCardinalityKeyValue("listener", listener)
			.lowCardinalityKeyValue("command", command)
			.highCardinalityKeyValue("tcp.connection.id", connectionId)
			.highCardinalityKeyValue("client.address", client.getAddress().getHostAddress())
			.highCardinalityKeyValue("client.port", String.valueOf(client.getPort()))
			.start();
		return new Traced(observation, observation.openScope());
	}

	/** The context of request observations, so that handlers can tell them apart. */
	static final class RequestContext extends Observation.Context {

	}

	/**
	 * Keeps Spring Boot's default meter handler from turning request observations into a second
	 * request timer: {@code tcp.server.request.duration} already times every request, also with
	 * tracing off.
	 */
	@Component
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static final class NoMetersForRequests implements MeterObservationHandler<RequestContext> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof RequestContext;
		}

	}

	private record Traced(Observation observation, Observation.Scope scope) implements RequestTrace {

		@Override
		public void leave() {
			this.scope.close();
		}

		@Override
		public void end(boolean failed) {
			this.observation.lowCardinalityKeyValue("outcome", failed ? "error" : "ok");
			this.observation.stop();
		}

	}

}
