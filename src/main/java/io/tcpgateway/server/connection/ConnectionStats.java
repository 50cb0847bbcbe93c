package io.tcpgateway.server.connection;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.time.Instant;

import io.tcpgateway.server.view.ConnectionSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Counters of one connection. Each counter has a single writer (the event loop for bytes, the
 * connection's processing thread for messages), so increments need no atomics; opaque writes
 * make them visible to the connections endpoint without a memory fence per request.
 */
public final class ConnectionStats {

	private static final VarHandle BYTES_IN = handle("bytesIn");

	private static final VarHandle BYTES_OUT = handle("bytesOut");

	private static final VarHandle MESSAGES_IN = handle("messagesIn");

	private static final VarHandle MESSAGES_OUT = handle("messagesOut");

	private static final VarHandle LAST_ACTIVITY = handle("lastActivityMillis");

	private final long openedAtMillis = System.currentTimeMillis();

	private final long openedAtNanos = System.nanoTime();

	private long bytesIn;

	private long bytesOut;

	private long messagesIn;

	private long messagesOut;

	private long lastActivityMillis = this.openedAtMillis;

	public void bytesIn(int bytes) {
		BYTES_IN.setOpaque(this, this.bytesIn + bytes);
		LAST_ACTIVITY.setOpaque(this, System.currentTimeMillis());
	}

	public void bytesOut(int bytes) {
		BYTES_OUT.setOpaque(this, this.bytesOut + bytes);
		LAST_ACTIVITY.setOpaque(this, System.currentTimeMillis());
	}

	void messageIn() {
		MESSAGES_IN.setOpaque(this, this.messagesIn + 1);
	}

	void messageOut() {
		MESSAGES_OUT.setOpaque(this, this.messagesOut + 1);
	}

	long messagesIn() {
		return (long) MESSAGES_IN.getOpaque(this);
	}

	long messagesOut() {
		return (long) MESSAGES_OUT.getOpaque(this);
	}

	Instant openedAt() {
		return Instant.ofEpochMilli(this.openedAtMillis);
	}

	long openNanos() {
		return System.nanoTime() - this.openedAtNanos;
	}

	public ConnectionSnapshot snapshot(String id, String listener, InetSocketAddress remote, @Nullable String session) {
		return new ConnectionSnapshot(id, listener, remote.getAddress().getHostAddress(), remote.getPort(), session,
				Instant.ofEpochMilli(this.openedAtMillis), messagesIn(), messagesOut(), (long) BYTES_IN.getOpaque(this),
				(long) BYTES_OUT.getOpaque(this),
				Instant.ofEpochMilli((long) LAST_ACTIVITY.getOpaque(this)));
	}

	private static VarHandle handle(String field) {
		try {
			return MethodHandles.lookup().findVarHandle(ConnectionStats.class, field, long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

}
