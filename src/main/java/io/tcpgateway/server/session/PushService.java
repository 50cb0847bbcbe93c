package io.tcpgateway.server.session;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.view.PushRoutes;
import io.tcpgateway.server.view.SessionView;

/**
 * The {@link TcpPush} of this process: finds the connection by id on every listener, or by
 * session key, and hands it the frame; the connection writes it and says how it went. For pushes
 * from outside the process it first tells where a push would go ({@link PushRoutes}).
 */
public final class PushService implements TcpPush, SessionView, PushRoutes {

	private static final CompletableFuture<PushOutcome> NOT_CONNECTED = CompletableFuture
		.completedFuture(PushOutcome.NOT_CONNECTED);

	private final SessionRegistry sessions;

	private final List<? extends ConnectionDirectory> listeners;

	/** Pushes no connection was found for: they belong to no listener's meters. */
	private final LongAdder unrouted = new LongAdder();

	public PushService(SessionRegistry sessions, List<? extends ConnectionDirectory> listeners) {
		this.sessions = sessions;
		this.listeners = listeners;
	}

	@Override
	public CompletionStage<PushOutcome> toConnection(String connectionId, Reply.Frame frame) {
		for (ConnectionDirectory listener : this.listeners) {
			Connection connection = listener.connection(connectionId);
			if (connection != null) {
				return connection.push(frame);
			}
		}
		return unrouted();
	}

	@Override
	public Optional<PushRoute> toSession(String key) {
		Connection connection = this.sessions.find(key);
		if (connection != null) {
			for (ConnectionDirectory listener : this.listeners) {
				if (listener.name().equals(connection.context().listener())) {
					return Optional.of(route(listener, connection));
				}
			}
		}
		this.unrouted.increment();
		return Optional.empty();
	}

	@Override
	public Optional<PushRoute> toConnection(String connectionId) {
		for (ConnectionDirectory listener : this.listeners) {
			Connection connection = listener.connection(connectionId);
			if (connection != null) {
				return Optional.of(route(listener, connection));
			}
		}
		this.unrouted.increment();
		return Optional.empty();
	}

	private static PushRoute route(ConnectionDirectory listener, Connection connection) {
		return new PushRoute(connection.id(), listener.name(), listener.takesHttpPush(), listener.maxMessageSize(),
				connection.context().charset());
	}

	@Override
	public CompletionStage<PushOutcome> toSession(String key, Reply.Frame frame) {
		Connection connection = this.sessions.find(key);
		return (connection != null) ? connection.push(frame) : unrouted();
	}

	@Override
	public CompletionStage<Map<PushOutcome, Integer>> toListener(String listener, Reply.Frame frame) {
		ConnectionDirectory directory = this.listeners.stream()
			.filter((candidate) -> candidate.name().equals(listener))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no listener " + listener + "; listeners: "
					+ this.listeners.stream().map(ConnectionDirectory::name).toList()));
		List<CompletableFuture<PushOutcome>> pushes = directory.openConnections()
			.stream()
			.map((connection) -> connection.push(frame).toCompletableFuture())
			.toList();
		return CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).thenApply((all) -> {
			Map<PushOutcome, Integer> counts = new EnumMap<>(PushOutcome.class);
			pushes.forEach((push) -> counts.merge(push.join(), 1, Integer::sum));
			return counts;
		});
	}

	@Override
	public long unroutedPushes() {
		return this.unrouted.sum();
	}

	@Override
	public int sessions() {
		return this.sessions.size();
	}

	@Override
	public List<Session> bindings() {
		return this.sessions.bindings()
			.stream()
			.map((binding) -> new Session(binding.getKey(), binding.getValue().id(),
					binding.getValue().context().listener()))
			.toList();
	}

	private CompletionStage<PushOutcome> unrouted() {
		this.unrouted.increment();
		return NOT_CONNECTED;
	}

}
