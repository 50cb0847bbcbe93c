package io.tcpgateway.server.session;

import java.util.List;
import java.util.Map;

import io.tcpgateway.server.connection.Connection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The session keys of this process ({@link SessionRegistry}) and beyond it ({@link SessionStore})
 * together: binds a key as the reply logic asks, lets it go when its connection closes, and finds
 * the connection a key is bound to here.
 */
public final class Sessions {

	private static final Log log = LogFactory.getLog(Sessions.class);

	private final SessionRegistry registry;

	private final SessionStore store;

	public Sessions(SessionRegistry registry, SessionStore store) {
		this.registry = registry;
		this.store = store;
	}

	/**
	 * On the thread answering the request: binds {@code key} to {@code connection} here, then in
	 * the store, and closes the connection that held it, here or elsewhere.
	 * @param previous the key the connection was bound to until now, if any
	 * @return whether the key is bound to the connection now
	 */
	public boolean bind(Connection connection, String key, @Nullable String previous) {
		boolean bound = bindOpen(connection, key, previous);
		if (!connection.isOpen()) {
			// closed while binding: its close may have let go of neither key
			release(key, connection);
			if (previous != null) {
				release(previous, connection);
			}
			return false;
		}
		return bound;
	}

	private boolean bindOpen(Connection connection, String key, @Nullable String previous) {
		SessionRegistry.Binding binding = this.registry.bind(key, connection);
		if (!binding.bound()) {
			return false;
		}
		boolean stored = false;
		try {
			stored = this.store.bound(key, connection);
		}
		finally {
			if (!stored) {
				this.registry.unbind(key, connection);
			}
		}
		if (!stored) {
			return false;
		}

		if (previous != null && !previous.equals(key)) {
			release(previous, connection);
		}
		Connection displaced = binding.displaced();
		if (displaced != null) {
			log.debug("Connection " + displaced.id() + ": session key bound by connection " + connection.id()
					+ "; closing");
			displaced.replaced();
		}
		return true;
	}

	/** A connection closed: its key goes, here and in the store. */
	public void closed(Connection connection) {
		connection.context().sessionKey().ifPresent((key) -> release(key, connection));
	}

	private void release(String key, Connection connection) {
		if (this.registry.unbind(key, connection)) {
			this.store.released(key, connection);
		}
	}

	/** The open connection of this process {@code key} is bound to, if any. */
	public @Nullable Connection find(String key) {
		return this.registry.find(key);
	}

	public SessionStore store() {
		return this.store;
	}

	/** Session keys bound here now. */
	public int size() {
		return this.registry.size();
	}

	/** The session keys bound to an open connection here now, in the order of the keys. */
	public List<Map.Entry<String, Connection>> bindings() {
		return this.registry.bindings();
	}

}
