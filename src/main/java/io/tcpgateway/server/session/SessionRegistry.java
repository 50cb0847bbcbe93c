package io.tcpgateway.server.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.tcpgateway.server.connection.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Which connection each session key is bound to, all listeners together. A key is bound to one
 * open connection at a time; at most one key per connection, so there are never more sessions
 * than connections. Thread-safe: keys are bound by the reply logic on whatever thread answers,
 * and let go when their connection closes.
 */
public final class SessionRegistry {

	/** What happens when a key is bound while another open connection holds it. */
	public enum OnConflict {

		/** The new connection takes the key; the one holding it is closed (cause {@code replaced}). */
		REPLACE,

		/** The new connection is refused the key. */
		REJECT

	}

	/**
	 * @param bound whether the key is bound to the connection now
	 * @param displaced the connection that held it until now, to be closed; {@code null} when none
	 */
	public record Binding(boolean bound, @Nullable Connection displaced) {
	}

	private final Map<String, Connection> sessions = new ConcurrentHashMap<>();

	private final OnConflict onConflict;

	public SessionRegistry(OnConflict onConflict) {
		this.onConflict = onConflict;
	}

	/** Binds {@code key} to {@code connection}, unless another open connection holds it and may keep it. */
	public Binding bind(String key, Connection connection) {
		Connection[] displaced = new Connection[1];
		Connection holder = this.sessions.compute(key, (k, current) -> {
			if (current == null || current == connection || !current.isOpen()) {
				return connection;
			}
			if (this.onConflict == OnConflict.REJECT) {
				return current;
			}
			displaced[0] = current;
			return connection;
		});
		if (holder != connection) {
			return new Binding(false, null);
		}
		if (!connection.isOpen()) {
			// it closed meanwhile, and its close will not come back for the key
			this.sessions.remove(key, connection);
			return new Binding(false, null);
		}
		return new Binding(true, displaced[0]);
	}

	/** Lets {@code key} go, if {@code connection} still holds it; returns whether it did. */
	public boolean unbind(String key, Connection connection) {
		return this.sessions.remove(key, connection);
	}

	/** The open connection {@code key} is bound to, if any. */
	public @Nullable Connection find(String key) {
		Connection connection = this.sessions.get(key);
		return (connection != null && connection.isOpen()) ? connection : null;
	}

	/** Each key bound now and its connection, open or closing. */
	public void forEach(BiConsumer<String, Connection> action) {
		this.sessions.forEach(action);
	}

	/** Session keys bound now. */
	public int size() {
		return this.sessions.size();
	}

	/** The session keys bound to an open connection now, in the order of the keys. */
	public List<Map.Entry<String, Connection>> bindings() {
		return this.sessions.entrySet()
			.stream()
			.filter((binding) -> binding.getValue().isOpen())
			.map((binding) -> Map.entry(binding.getKey(), binding.getValue()))
			.sorted(Map.Entry.comparingByKey())
			.toList();
	}

}
