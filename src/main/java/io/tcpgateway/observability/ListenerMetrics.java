package io.tcpgateway.observability;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.RequestTrace;
import io.tcpgateway.server.view.TrafficRecorder;
import org.jspecify.annotations.Nullable;

/** The {@code tcp.server.*} meters of one listener, tagged with its name and port. */
final class ListenerMetrics implements TrafficRecorder {

	private final MeterRegistry registry;

	private final Tags tags;

	private final RequestTags requestTags;

	private final Counter opened;

	private final Map<CloseCause, Counter> closed = new EnumMap<>(CloseCause.class);

	private final Map<String, Timer> handshakes = new ConcurrentHashMap<>();

	private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);

	private final Counter untracked;

	private final Timer connectionDuration;

	private final Counter messagesReceived;

	private final Counter messagesSent;

	private final Counter messagesAbandoned;

	private final Counter messagesDiscarded;

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Map<ErrorType, Counter> errors = new EnumMap<>(ErrorType.class);

	private final Map<String, Counter> pushed = new ConcurrentHashMap<>();

	private final Map<String, Timer> okRequests = new ConcurrentHashMap<>();

	private final Map<String, Timer> failedRequests = new ConcurrentHashMap<>();

	private final RequestTracing tracing;

	private final String listener;

	ListenerMetrics(MeterRegistry registry, Tags tags, RequestTags requestTags, RequestTracing tracing,
			ListenerView listener) {
		this.registry = registry;
		this.tags = tags;
		this.requestTags = requestTags;
		this.tracing = tracing;
		this.listener = listener.name();
		Gauge.builder("tcp.server.connections.active", listener, ListenerView::activeConnections)
			.strongReference(true)
			.description("Connections open now, handshaking ones included")
			.tags(tags)
			.register(registry);
		Gauge.builder("tcp.server.listener.up", listener, (view) -> view.isListening() ? 1 : 0)
			.strongReference(true)
			.description("1 while the listener accepts connections, else 0")
			.tags(tags)
			.register(registry);
		this.opened = counter("tcp.server.connections.opened", "Connections accepted", null);
		for (CloseCause cause : CloseCause.values()) {
			this.closed.put(cause, Counter.builder("tcp.server.connections.closed")
				.description("Connections closed, by either side, by cause")
				.tags(tags)
				.tag("cause", cause.propertyValue())
				.register(registry));
		}
		for (RejectReason reason : RejectReason.values()) {
			this.rejected.put(reason, Counter.builder("tcp.server.connections.rejected")
				.description("Connections refused right after accept")
				.tags(tags)
				.tag("reason", reason.propertyValue())
				.register(registry));
		}
		this.untracked = counter("tcp.server.clients.untracked",
				"Clients admitted without per-client limits: the table of clients was full of clients with connections open",
				null);
		this.connectionDuration = Timer.builder("tcp.server.connection.duration")
			.description("How long connections stayed open")
			.tags(tags)
			.register(registry);
		this.messagesReceived = counter("tcp.server.messages.received", "Requests taken for an answer", null);
		this.messagesSent = counter("tcp.server.messages.sent", "Replies the socket took", null);
		this.messagesAbandoned = counter("tcp.server.messages.abandoned",
				"Replies not written because the connection broke first", null);
		this.messagesDiscarded = counter("tcp.server.messages.discarded",
				"Frames read after the connection stopped taking requests; not answered", null);
		this.bytesReceived = counter("tcp.server.data.received", "Bytes received, framing included", "bytes");
		this.bytesSent = counter("tcp.server.data.sent", "Bytes sent, framing included", "bytes");
		for (ErrorType type : ErrorType.values()) {
			this.errors.put(type, Counter.builder("tcp.server.errors")
				.description("Failures; a normal client close is not one")
				.tags(tags)
				.tag("type", type.propertyValue())
				.register(registry));
		}
		for (PushOutcome outcome : PushOutcome.values()) {
			this.pushed.put(outcome.value(), SessionMetrics.pushed(registry, tags, outcome.value()));
		}
	}

	@Override
	public void pushed(String outcome) {
		this.pushed.computeIfAbsent(outcome, (tag) -> SessionMetrics.pushed(this.registry, this.tags, tag)).increment();
	}

	private Counter counter(String name, String description, @Nullable String baseUnit) {
		return Counter.builder(name).description(description).baseUnit(baseUnit).tags(this.tags).register(this.registry);
	}

	@Override
	public void connectionOpened() {
		this.opened.increment();
	}

	@Override
	public void connectionRejected(RejectReason reason) {
		this.rejected.get(reason).increment();
	}

	@Override
	public void clientUntracked() {
		this.untracked.increment();
	}

	@Override
	public void connectionClosed(long openNanos, CloseCause cause) {
		this.closed.get(cause).increment();
		this.connectionDuration.record(openNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void tlsHandshake(boolean success, String protocol, long nanos) {
		String outcome = success ? "success" : "failure";
		this.handshakes.computeIfAbsent(outcome + " " + protocol, (key) -> Timer.builder("tcp.server.tls.handshake")
			.description("TLS handshakes, from accept to their end")
			.tags(this.tags)
			.tag("outcome", outcome)
			.tag("protocol", protocol)
			.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void bytesReceived(int bytes) {
		this.bytesReceived.increment(bytes);
	}

	@Override
	public void bytesSent(int bytes) {
		this.bytesSent.increment(bytes);
	}

	@Override
	public void messageReceived() {
		this.messagesReceived.increment();
	}

	@Override
	public void messageSent() {
		this.messagesSent.increment();
	}

	@Override
	public void messageAbandoned() {
		this.messagesAbandoned.increment();
	}

	@Override
	public void messageDiscarded() {
		this.messagesDiscarded.increment();
	}

	@Override
	public void requestCompleted(CharSequence request, boolean failed, long nanos) {
		String command = this.requestTags.tagOf(request);
		Map<String, Timer> timers = failed ? this.failedRequests : this.okRequests;
		Timer timer = timers.get(command);
		if (timer == null) {
			timer = timers.computeIfAbsent(command, (key) -> requestTimer(key, failed ? "error" : "ok"));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer requestTimer(String command, String outcome) {
		return Timer.builder("tcp.server.request.duration")
			.description("From the reply service starting on a request to its reply being handed to the connection")
			.tags(this.tags)
			.tag("command", command)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry);
	}

	@Override
	public RequestTrace requestStarted(CharSequence request, String connectionId, InetSocketAddress client) {
		if (!this.tracing.enabled()) {
			return RequestTrace.NONE;
		}
		return this.tracing.start(this.listener, this.requestTags.tagOf(request), connectionId, client);
	}

	@Override
	public void error(ErrorType type) {
		this.errors.get(type).increment();
	}

}
