package io.tcpgateway.server.session;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.connection.SessionKeys;
import io.tcpgateway.server.view.PushRoutes;
import io.tcpgateway.server.view.SessionView;

/**
 * The {@link TcpPush} of this process: finds the connection by id on every listener, or by
 * session key here and then through the {@link SessionStore}, and hands it the frame; the
 * connection writes it and says how it went. For pushes from outside the process it first tells
 * where a push would go ({@link PushRoutes}).
 */
public final class PushService implements TcpPush, SessionView, PushRoutes {

	private static final CompletableFuture<PushOutcome> NOT_CONNECTED = CompletableFuture
		.completedFuture(PushOutcome.NOT_CONNECTED);

	private final Sessions sessions;

	private final String store;

	private final Supplier<List<? extends ConnectionDirectory>> listenerLookup;

	/** The listeners, looked up at the first push: see the constructor. */
	private volatile List<? extends ConnectionDirectory> listeners;

	/** Pushes that reached no connection, here or elsewhere: they belong to no listener's meters. */
	private final Map<PushOutcome, LongAdder> unrouted = counters();

	/** Pushes sent to the instance holding the key, by how they ended there. */
	private final Map<PushOutcome, LongAdder> remote = counters();

	/**
	 * @param store the store's name, as {@code tcp.server.sessions.store} gives it
	 * @param listeners looked up at the first use, not here: the listeners need the reply
	 * services, and a user's command that pushes needs this, so asking for the listeners while
	 * this is made would be a dependency cycle
	 */
	public PushService(Sessions sessions, String store, Supplier<List<? extends ConnectionDirectory>> listeners) {
		this.sessions = sessions;
		this.store = store;
		this.listenerLookup = listeners;
	}

	private List<? extends ConnectionDirectory> listeners() {
		List<? extends ConnectionDirectory> found = this.listeners;
		if (found == null) {
			// two threads may both look: they find the same beans
			found = List.copyOf(this.listenerLookup.get());
			this.listeners = found;
		}
		return found;
	}

	private static Map<PushOutcome, LongAdder> counters() {
		Map<PushOutcome, LongAdder> counters = new EnumMap<>(PushOutcome.class);
		for (PushOutcome outcome : PushOutcome.values()) {
			counters.put(outcome, new LongAdder());
		}
		return counters;
	}

	@Override
	public CompletionStage<PushOutcome> toConnection(String connectionId, Reply.Frame frame) {
		for (ConnectionDirectory listener : listeners()) {
			Connection connection = listener.connection(connectionId);
			if (connection != null) {
				return connection.push(frame);
			}
		}
		this.unrouted.get(PushOutcome.NOT_CONNECTED).increment();
		return NOT_CONNECTED;
	}

	@Override
	public Optional<PushRoute> toSession(String key) {
		Connection connection = this.sessions.find(key);
		if (connection != null) {
			for (ConnectionDirectory listener : listeners()) {
				if (listener.name().equals(connection.context().listener())) {
					return Optional.of(route(listener, connection));
				}
			}
		}
		return Optional.empty();
	}

	@Override
	public UnboundKeys unboundKeys() {
		return new UnboundKeys(this.sessions.store().reachesBeyondThisProcess(),
				listeners().stream().filter((listener) -> !listener.takesHttpPush()).map(ConnectionDirectory::name).toList(),
				listeners().stream().mapToInt(ConnectionDirectory::maxMessageSize).max().orElse(0));
	}

	@Override
	public Optional<PushRoute> toConnection(String connectionId) {
		for (ConnectionDirectory listener : listeners()) {
			Connection connection = listener.connection(connectionId);
			if (connection != null) {
				return Optional.of(route(listener, connection));
			}
		}
		this.unrouted.get(PushOutcome.NOT_CONNECTED).increment();
		return Optional.empty();
	}

	private static PushRoute route(ConnectionDirectory listener, Connection connection) {
		return new PushRoute(connection.id(), listener.name(), listener.takesHttpPush(), listener.maxMessageSize(),
				connection.context().charset());
	}

	@Override
	public CompletionStage<PushOutcome> toSession(String key, Reply.Frame frame) {
		if (SessionKeys.whyInvalid(key) != null) {
			// no connection can ever bind it: nothing to route, and no queue place to hold
			this.unrouted.get(PushOutcome.NOT_CONNECTED).increment();
			return NOT_CONNECTED;
		}
		Connection connection = this.sessions.find(key);
		if (connection != null) {
			return connection.push(frame);
		}
		return this.sessions.store().pushElsewhere(key, frame).thenApply(this::counted);
	}

	private PushOutcome counted(SessionStore.Pushed pushed) {
		switch (pushed.where()) {
			case ELSEWHERE -> this.remote.get(pushed.outcome()).increment();
			case NOWHERE -> this.unrouted.get(pushed.outcome()).increment();
			case HERE -> {
				// counted by the listener whose connection took it
			}
		}
		return pushed.outcome();
	}

	@Override
	public CompletionStage<Map<PushOutcome, Integer>> toListener(String listener, Reply.Frame frame) {
		ConnectionDirectory directory = listeners().stream()
			.filter((candidate) -> candidate.name().equals(listener))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no listener " + listener + "; listeners: "
					+ listeners().stream().map(ConnectionDirectory::name).toList()));
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
	public long unroutedPushes(String outcome) {
		return count(this.unrouted, outcome);
	}

	@Override
	public long remotePushes(String outcome) {
		return count(this.remote, outcome);
	}

	private static long count(Map<PushOutcome, LongAdder> counters, String outcome) {
		for (Map.Entry<PushOutcome, LongAdder> counter : counters.entrySet()) {
			if (counter.getKey().value().equals(outcome)) {
				return counter.getValue().sum();
			}
		}
		throw new IllegalArgumentException("no push outcome " + outcome);
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

	@Override
	public String store() {
		return this.store;
	}

	@Override
	public long queuedFrames() {
		return this.sessions.store().queuedFrames();
	}

	@Override
	public long expiredFrames() {
		return this.sessions.store().expiredFrames();
	}

	@Override
	public long storeRoundTrips() {
		return this.sessions.store().roundTrips();
	}

	@Override
	public double storeRoundTripSeconds() {
		return this.sessions.store().roundTripSeconds();
	}

}
