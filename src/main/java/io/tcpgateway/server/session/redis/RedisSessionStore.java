package io.tcpgateway.server.session.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisClient;
import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.session.SessionRegistry;
import io.tcpgateway.server.session.SessionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sessions shared by every instance through Redis ({@code tcp.server.sessions.store=redis}).
 * <ul>
 * <li><b>Registry.</b> Each key bound here is recorded as {@code tcpgw:session:<key>} =
 * {@code <instance>/<connection>}, with an expiry this instance refreshes while it runs; its
 * liveness is {@code tcpgw:instance:<instance>}, refreshed every {@link #HEARTBEAT}, so a key
 * whose instance died stops being routed to within {@link #LIVENESS}.</li>
 * <li><b>Routing.</b> A push for a key not held here runs one script that finds the holder and
 * publishes the push on that instance's channel only; the holder writes it and publishes the
 * outcome on the asker's channel. A push never goes to every instance.</li>
 * <li><b>One key, one connection.</b> Binding a key publishes "replaced" to the instance that
 * held it, which closes its connection.</li>
 * <li><b>Offline queue.</b> A push to a key no live instance holds is queued by the same
 * script; the bind script takes the queue with the key, atomically.</li>
 * <li><b>Redis down.</b> Binds stay local and are recorded again once Redis answers; pushes
 * that need Redis answer {@code unavailable} at once.</li>
 * </ul>
 */
public final class RedisSessionStore implements SessionStore {

	/** Pushes waiting for another instance's answer, and commands waiting for Redis's, at most. */
	public static final int MAX_WAITING = RemotePushes.MAX;

	private static final Log log = LogFactory.getLog(RedisSessionStore.class);

	/** How often this instance says it lives, drops expired queues, and reads the queue depth. */
	static final Duration HEARTBEAT = Duration.ofSeconds(5);

	/** How long an instance counts as alive after its last heartbeat. */
	static final Duration LIVENESS = HEARTBEAT.multipliedBy(3);

	/**
	 * How long a key's entry lives unless refreshed. Long: the holder's liveness decides routing,
	 * and a stale entry is deleted by the first push that finds it; the expiry only clears what a
	 * dead instance left, and refreshing costs one script per key per third of it (docs/sessions-scale.md).
	 */
	static final Duration ENTRY_TTL = Duration.ofHours(1);

	/** Every how many heartbeats the entries are refreshed. */
	private static final int REFRESH_EVERY = (int) (ENTRY_TTL.toSeconds() / 3 / HEARTBEAT.toSeconds());

	/** Keys recorded at once when refreshing; Redis stays responsive between batches. */
	private static final int BATCH = 500;

	private final String instance;

	private final SessionRegistry registry;

	private final String bindMode;

	private final Duration timeout;

	private final RedisLink link;

	private final RemotePushes remote;

	private final StoreScripts scripts;

	private final LongAdder expired = new LongAdder();

	private volatile long queued;

	/** Whether every key bound here is recorded; false from a failure until the next full record. */
	private volatile boolean recorded;

	private int heartbeats;

	/**
	 * @param instance this instance's name, unique among those sharing the Redis
	 * @param replace whether a bind takes a key another live instance holds (on-conflict replace)
	 * @param maxPerKey the offline queue's bound per key; 0 for no queue
	 */
	public RedisSessionStore(String instance, RedisClient client, SessionRegistry registry, boolean replace,
			int maxPerKey, Duration ttl, int maxKeys, Duration timeout) {
		this.instance = instance;
		this.registry = registry;
		this.bindMode = replace ? "replace" : "reject";
		this.timeout = timeout;
		this.remote = new RemotePushes(timeout);
		this.link = new RedisLink(client, StoreScripts.INSTANCE + instance, this::received);
		this.scripts = new StoreScripts(this.link, maxPerKey, ttl, maxKeys);
	}

	// --- binding ---------------------------------------------------------------------------------

	@Override
	public boolean bound(String key, Connection connection) {
		if (!this.link.isUp()) {
			this.recorded = false;
			return true;
		}
		CompletableFuture<List<Object>> pending = bind(key, connection, this.bindMode).toCompletableFuture();
		List<Object> reply;
		try {
			reply = pending.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			this.recorded = false;
			log.debug("Sessions: key not recorded in Redis within " + this.timeout + "; recorded again once it answers");
			// the script may still run, and take the key's queue with it: what it took is not lost
			pending.thenAccept((late) -> settledLate(key, connection, late));
			return true;
		}
		catch (ExecutionException ex) {
			this.recorded = false;
			log.debug("Sessions: key not recorded in Redis now (" + ex + "); recorded again once it answers");
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.recorded = false;
			pending.thenAccept((late) -> settledLate(key, connection, late));
			return true;
		}
		if (StoreScripts.text(reply.get(0)).equals("taken")) {
			return false;
		}
		connection.follow(frames(reply));
		return true;
	}

	/**
	 * A bind script answered after the binding thread moved on (or when the keys are recorded
	 * again): another live instance holds the key, so this connection goes; or the frames queued
	 * for the key follow on this connection.
	 */
	private void settledLate(String key, Connection connection, List<Object> reply) {
		if (StoreScripts.text(reply.get(0)).equals("taken")) {
			log.info("Connection " + connection.id() + ": session key " + key + " is held on another instance; closing");
			connection.replaced();
		}
		else {
			connection.follow(frames(reply));
		}
	}

	private CompletionStage<List<Object>> bind(String key, Connection connection, String mode) {
		return this.scripts.bind(key, value(connection), ENTRY_TTL, mode);
	}

	/** The frames a bind took, the expired ones counted. */
	private List<Reply.Frame> frames(List<Object> reply) {
		this.expired.add((Long) reply.get(1));
		List<Reply.Frame> frames = new ArrayList<>(reply.size() - 2);
		for (Object frame : reply.subList(2, reply.size())) {
			frames.add(Envelope.frame((byte[]) frame));
		}
		return frames;
	}

	@Override
	public void released(String key, Connection connection) {
		if (this.link.isUp()) {
			this.scripts.release(key, value(connection));
		}
	}

	private String value(Connection connection) {
		return this.instance + "/" + connection.id();
	}

	// --- pushing ----------------------------------------------------------------------------------

	@Override
	public boolean reachesBeyondThisProcess() {
		return true;
	}

	@Override
	public CompletionStage<Pushed> pushElsewhere(String key, Reply.Frame frame) {
		if (!this.link.isUp()) {
			return pushed(PushOutcome.UNAVAILABLE, Where.NOWHERE);
		}
		RemotePushes.Waiting waiting = this.remote.start();
		if (waiting == null) {
			return pushed(PushOutcome.REFUSED, Where.NOWHERE);
		}
		Envelope.Push push = new Envelope.Push(waiting.request(), this.instance, 0, key, frame);
		return route(push, "route").thenCompose((routed) -> {
			if (!routed.what().equals("self")) {
				return answered(routed.what(), waiting);
			}
			// Redis says this instance holds the key: to its connection, or, gone meanwhile, to its queue
			Connection connection = this.registry.find(key);
			if (connection != null) {
				this.remote.forget(waiting.request());
				return connection.push(frame).thenApply((outcome) -> new Pushed(outcome, Where.HERE));
			}
			return requeue(push, 0).thenCompose((requeued) -> {
				if (requeued.here() != null) {
					this.remote.forget(waiting.request());
					return CompletableFuture.completedFuture(new Pushed(requeued.here(), Where.HERE));
				}
				return answered(requeued.what(), waiting);
			});
		});
	}

	/** What the routing script did, and for {@code self} the entry it found. */
	private record Routed(String what, @Nullable String holder) {
	}

	/** A requeued push: what the script did, or the outcome on a connection here that took the key meanwhile. */
	private record Requeued(String what, @Nullable PushOutcome here) {
	}

	/**
	 * A push for a key Redis says this instance holds while no connection here has it: queued, or
	 * passed on to its holder now. An entry naming this instance is never dropped blindly: a
	 * connection here may have bound the key meanwhile, so it looks again, and only a stale entry
	 * (its connection gone, its release not yet arrived) is let go, if Redis still holds it.
	 */
	private CompletionStage<Requeued> requeue(Envelope.Push push, int attempt) {
		return route(push.passedOn(), "requeue").thenCompose((routed) -> {
			if (!routed.what().equals("self") || routed.holder() == null) {
				return CompletableFuture.completedFuture(new Requeued(routed.what(), null));
			}
			Connection connection = this.registry.find(push.key());
			if (connection != null) {
				return connection.push(push.frame()).thenApply((outcome) -> new Requeued("self", outcome));
			}
			if (attempt > 0) {
				return CompletableFuture.completedFuture(new Requeued("unavailable", null));
			}
			this.scripts.release(push.key(), routed.holder());
			return requeue(push, attempt + 1);
		});
	}

	/** What a push routed by the script comes to: the holder's answer, or what the script did. */
	private CompletionStage<Pushed> answered(String routed, RemotePushes.Waiting waiting) {
		if (routed.equals("routed")) {
			return waiting.outcome().thenApply((outcome) -> new Pushed(outcome, Where.ELSEWHERE));
		}
		this.remote.forget(waiting.request());
		return pushed(outcome(routed), Where.NOWHERE);
	}

	/**
	 * Runs the routing script for a push; what it did: routed, self, queued, full, not-connected,
	 * or unavailable when Redis did not answer.
	 */
	private CompletionStage<Routed> route(Envelope.Push push, String mode) {
		byte[] message = (mode.equals("requeue") && push.hops() > 1) ? new byte[0] : push.encode();
		return this.scripts.route(this.instance, push.key(), mode, message, push.frame())
			.toCompletableFuture()
			.orTimeout(this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.handle((reply, failure) -> {
				if (failure != null) {
					return new Routed("unavailable", null);
				}
				String routed = StoreScripts.text(reply.get(0));
				if (routed.equals("self")) {
					return new Routed(routed, (reply.size() > 1) ? StoreScripts.text(reply.get(1)) : null);
				}
				if (reply.size() > 1) {
					this.expired.add((Long) reply.get(1));
				}
				return new Routed(routed, null);
			});
	}

	private static PushOutcome outcome(String routed) {
		return switch (routed) {
			case "queued" -> PushOutcome.QUEUED;
			case "full" -> PushOutcome.REFUSED;
			case "not-connected" -> PushOutcome.NOT_CONNECTED;
			default -> PushOutcome.UNAVAILABLE;
		};
	}

	private static CompletableFuture<Pushed> pushed(PushOutcome outcome, Where where) {
		return CompletableFuture.completedFuture(new Pushed(outcome, where));
	}

	// --- messages from other instances (Lettuce's I/O thread) ---------------------------------------

	private void received(byte[] message) {
		Object decoded;
		try {
			decoded = Envelope.decode(message);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Sessions: a message on this instance's Redis channel could not be read (" + ex.getMessage()
					+ "); ignored");
			return;
		}
		if (decoded instanceof Envelope.Push push) {
			deliver(push);
		}
		else if (decoded instanceof Envelope.Outcome outcome) {
			this.remote.answered(outcome.request(), outcome.outcome());
		}
		else if (decoded instanceof Envelope.Replaced replaced) {
			replaced(replaced);
		}
	}

	/** A push another instance sent here: written to the key's connection, or queued when it is gone. */
	private void deliver(Envelope.Push push) {
		Connection connection = this.registry.find(push.key());
		CompletionStage<PushOutcome> outcome = (connection != null) ? connection.push(push.frame())
				: requeue(push, 0).thenApply((requeued) -> (requeued.here() != null) ? requeued.here()
						: requeued.what().equals("routed") ? null : outcome(requeued.what()));
		outcome.thenAccept((how) -> {
			// null: passed on to the instance that holds the key now, which answers
			if (how != null && this.link.isUp()) {
				this.scripts.answer(push.origin(), new Envelope.Outcome(push.request(), how).encode());
			}
		});
	}

	private void replaced(Envelope.Replaced replaced) {
		Connection connection = this.registry.find(replaced.key());
		if (connection != null && replaced.held().equals(value(connection))) {
			log.debug("Connection " + connection.id() + ": session key " + replaced.key()
					+ " bound on another instance; closing");
			connection.replaced();
		}
	}

	// --- housekeeping ------------------------------------------------------------------------------

	@Override
	public void housekeep() {
		if (!this.link.connect()) {
			this.recorded = false;
			return;
		}
		try {
			if (!this.scripts.live(this.instance, LIVENESS, this.timeout)) {
				// Redis did not know this instance: it restarted (empty), or lost it, or this is the
				// first heartbeat; either way what this instance holds must be recorded
				this.recorded = false;
			}
			List<Object> swept = this.scripts.sweep().toCompletableFuture().get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			this.expired.add((Long) swept.get(0));
			this.queued = (Long) swept.get(1);
			if (!this.recorded || ++this.heartbeats % REFRESH_EVERY == 0) {
				recordEveryKey();
			}
		}
		catch (Exception ex) {
			if (this.recorded) {
				log.warn("Sessions: Redis did not answer (" + ex.getMessage() + "); keys bound here are recorded "
						+ "again once it does");
			}
			this.recorded = false;
		}
	}

	/**
	 * Records every key bound here, refreshing its entry's expiry: after Redis was out of reach,
	 * or restarted empty, this instance's keys are routed to again. A key another live instance
	 * took meanwhile stays there: its connection here is closed (replaced); frames queued for a
	 * key meanwhile are written to its connection here.
	 */
	private void recordEveryKey() throws Exception {
		List<Map.Entry<String, Connection>> bound = new ArrayList<>();
		this.registry.forEach((key, connection) -> bound.add(Map.entry(key, connection)));
		for (int from = 0; from < bound.size(); from += BATCH) {
			List<CompletableFuture<Void>> batch = new ArrayList<>();
			for (Map.Entry<String, Connection> entry : bound.subList(from, Math.min(bound.size(), from + BATCH))) {
				Connection connection = entry.getValue();
				if (connection.isOpen()) {
					batch.add(bind(entry.getKey(), connection, "register")
						.thenAccept((reply) -> settledLate(entry.getKey(), connection, reply))
						.toCompletableFuture());
				}
			}
			CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new))
				.get(this.timeout.toNanos() * 4, TimeUnit.NANOSECONDS);
		}
		if (!this.recorded) {
			log.info("Sessions: " + bound.size() + " session keys bound here recorded in Redis");
		}
		this.recorded = true;
	}

	@Override
	public Duration housekeepingInterval() {
		return HEARTBEAT;
	}

	/** Connects and records what it can; a Redis out of reach now is tried again by the housekeeping. */
	@Override
	public void open() {
		housekeep();
	}

	/** Stops: this instance is no longer alive for the others; its keys went as its connections closed. */
	@Override
	public void close() {
		try {
			if (this.link.isUp()) {
				// answered after every release sent before it, on the same connection
				this.scripts.gone(this.instance, this.timeout);
			}
		}
		catch (Exception ex) {
			log.debug("Sessions: could not say goodbye to Redis (" + ex + "); this instance's entries expire");
		}
		this.link.close();
	}

	// --- what operators see -------------------------------------------------------------------------

	@Override
	public long queuedFrames() {
		return this.queued;
	}

	@Override
	public long expiredFrames() {
		return this.expired.sum();
	}

	@Override
	public long roundTrips() {
		return this.link.roundTrips();
	}

	@Override
	public double roundTripSeconds() {
		return this.link.roundTripSeconds();
	}

	public boolean isUp() {
		return this.link.isUp();
	}

	public String instance() {
		return this.instance;
	}

}
