package io.tcpgateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.gateway.GatewayConnection;
import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView.MessageTotals;
import org.jspecify.annotations.Nullable;

/**
 * The connections of one listener from open until fully closed (their close reported), by
 * their Spring Integration side, and the message totals, which count each connection exactly once:
 * its own counters while open, the closed totals after.
 */
final class ConnectionRegistry {

	private final Map<String, GatewayConnection> open = new ConcurrentHashMap<>();

	/** Guards moving a connection's counters from the open set to the closed totals. */
	private final Object totalsLock = new Object();

	private long closedIn;

	private long closedOut;

	void opened(GatewayConnection connection) {
		synchronized (this.totalsLock) {
			this.open.put(connection.getConnectionId(), connection);
		}
	}

	/** Forgets a closed connection; returns its Spring Integration side. */
	@Nullable GatewayConnection closed(Connection connection) {
		synchronized (this.totalsLock) {
			GatewayConnection gateway = this.open.remove(connection.id());
			if (gateway != null) {
				ConnectionSnapshot last = connection.snapshot();
				this.closedIn += last.messagesIn();
				this.closedOut += last.messagesOut();
			}
			return gateway;
		}
	}

	@Nullable Connection find(String connectionId) {
		GatewayConnection gateway = this.open.get(connectionId);
		return (gateway != null) ? gateway.connection() : null;
	}

	/** The open connections now. */
	List<Connection> connections() {
		List<Connection> open = new ArrayList<>();
		for (GatewayConnection gateway : this.open.values()) {
			if (gateway.connection().isOpen()) {
				open.add(gateway.connection());
			}
		}
		return open;
	}

	/** Connections opened and not yet through their close. */
	int unclosed() {
		return this.open.size();
	}

	List<ConnectionSnapshot> snapshots() {
		List<ConnectionSnapshot> snapshots = new ArrayList<>();
		for (GatewayConnection gateway : this.open.values()) {
			if (gateway.connection().isOpen()) {
				snapshots.add(gateway.connection().snapshot());
			}
		}
		return snapshots;
	}

	MessageTotals totals() {
		synchronized (this.totalsLock) {
			long in = this.closedIn;
			long out = this.closedOut;
			for (GatewayConnection gateway : this.open.values()) {
				ConnectionSnapshot now = gateway.connection().snapshot();
				in += now.messagesIn();
				out += now.messagesOut();
			}
			return new MessageTotals(in, out);
		}
	}

	/** Asks every open connection to answer what it has taken, then close. */
	void drain() {
		this.open.values().forEach((gateway) -> gateway.connection().drain());
	}

	/** Closes every open connection now. */
	void terminate() {
		this.open.values().forEach((gateway) -> gateway.connection().terminate());
	}

}
