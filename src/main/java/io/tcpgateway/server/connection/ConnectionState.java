package io.tcpgateway.server.connection;

/**
 * Where a connection is in its life. It only moves forward:
 *
 * <pre>
 *  OPEN ──(FIN, drain, idle timeout, admin close, bad frame, single-use)──► DRAINING
 *   │                                                                          │ every request taken answered
 *   ├──(a reply that closes: QUIT, Reply.andClose)──────────────────────────► CLOSING ──(channel closed)──► CLOSED
 *   └──(reset, write timeout, TLS failure)──────────────────────────────────────────────────────────────► CLOSED
 * </pre>
 *
 * A request is <em>taken</em> when its frame arrives while the connection is {@link #OPEN};
 * every request taken is answered exactly once, in order, unless the connection reaches
 * {@link #CLOSING} first (the documented cut) or breaks.
 */
enum ConnectionState {

	/** Takes requests. */
	OPEN,

	/** Takes no more requests; answers those taken, then closes. */
	DRAINING,

	/** Its last reply is written: sends FIN and closes; requests still queued are discarded. */
	CLOSING,

	/** The channel is closed. */
	CLOSED;

	/** Whether requests already taken are still answered in this state. */
	boolean answers() {
		return this == OPEN || this == DRAINING;
	}

}
