package io.tcpgateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView.MessageTotals;
import org.jspecify.annotations.Nullable;

/**
 * The connections of one listener from open until fully closed (their close reported), and the
 * message totals, which count each connection exactly once: its own counters while open, the
 * closed totals after.
 */
final class ConnectionRegistry {

	private final Map<String, NettyTcpConnection> open = new ConcurrentHashMap<>();

	/** Guards moving a connection's counters from the open set to the closed totals. */
	private final Object totalsLock = new Object();

	private long closedIn;

	private long closedOut;

	void opened(NettyTcpConnection connection) {
		synchronized (this.totalsLock) {
			this.open.put(connection.getConnectionId(), connection);
		}
	}

	void closed(NettyTcpConnection connection) {
		synchronized (this.totalsLock) {
			if (this.open.remove(connection.getConnectionId()) != null) {
				this.closedIn += connection.stats().messagesIn();
				this.closedOut += connection.stats().messagesOut();
			}
		}
	}

	@Nullable NettyTcpConnection find(String connectionId) {
		return this.open.get(connectionId);
	}

	/** Connections opened and not yet through their close. */
	int unclosed() {
		return this.open.size();
	}

	List<ConnectionSnapshot> snapshots() {
		List<ConnectionSnapshot> snapshots = new ArrayList<>();
		for (NettyTcpConnection connection : this.open.values()) {
			if (connection.isOpen()) {
				snapshots.add(connection.snapshot());
			}
		}
		return snapshots;
	}

	MessageTotals totals() {
		synchronized (this.totalsLock) {
			long in = this.closedIn;
			long out = this.closedOut;
			for (NettyTcpConnection connection : this.open.values()) {
				in += connection.stats().messagesIn();
				out += connection.stats().messagesOut();
			}
			return new MessageTotals(in, out);
		}
	}

	/** Asks every open connection to answer what it has taken, then close. */
	void drain() {
		this.open.values().forEach(NettyTcpConnection::drain);
	}

	/** Closes every open connection now. */
	void terminate() {
		this.open.values().forEach(NettyTcpConnection::terminate);
	}

}
