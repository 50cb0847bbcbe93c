package io.tcpgateway.server;

import java.time.Instant;

/**
 * Counters of one connection. Each counter has a single writer (the event loop for bytes, the
 * connection's processing thread for messages); volatile so that the connections endpoint reads
 * current values.
 */
final class ConnectionStats {

	private final long openedAtMillis = System.currentTimeMillis();

	private final long openedAtNanos = System.nanoTime();

	private volatile long bytesIn;

	private volatile long bytesOut;

	private volatile long messagesIn;

	private volatile long messagesOut;

	private volatile long lastActivityMillis = this.openedAtMillis;

	void bytesIn(int bytes) {
		this.bytesIn += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
	}

	void bytesOut(int bytes) {
		this.bytesOut += bytes;
		this.lastActivityMillis = System.currentTimeMillis();
	}

	void messageIn() {
		this.messagesIn++;
	}

	void messageOut() {
		this.messagesOut++;
	}

	long openNanos() {
		return System.nanoTime() - this.openedAtNanos;
	}

	ConnectionSnapshot snapshot(String id, String listener, java.net.InetSocketAddress remote) {
		return new ConnectionSnapshot(id, listener, remote.getAddress().getHostAddress(), remote.getPort(),
				Instant.ofEpochMilli(this.openedAtMillis), this.messagesIn, this.messagesOut, this.bytesIn,
				this.bytesOut, Instant.ofEpochMilli(this.lastActivityMillis));
	}

}
