package io.tcpgateway.server.view;

import org.jspecify.annotations.Nullable;

/**
 * Why a connection stopped taking requests or closed. The first cause of a connection is its
 * cause; a failure that follows it (a reset while closing, a TLS error caused by our own close)
 * is not counted again, so one event is one error count.
 */
public enum CloseCause implements PropertyValue {

	/** The client closed its side (FIN, or a TLS close_notify). */
	CLIENT_CLOSE(null),

	/** The client sent {@code QUIT}. */
	QUIT(null),

	/** Another reply that closes the connection ({@code Reply.andClose}). */
	REPLY_CLOSE(null),

	/** A single-use listener answered its one request. */
	SINGLE_USE(null),

	/** No complete message within the idle timeout. */
	IDLE_TIMEOUT(ErrorType.TIMEOUT),

	/** No PROXY header or TLS handshake within the handshake timeout. */
	HANDSHAKE_TIMEOUT(null),

	/** The client read no reply within the write timeout. */
	WRITE_TIMEOUT(ErrorType.WRITE_TIMEOUT),

	/** A message over the maximum size. */
	OVERSIZED(ErrorType.OVERSIZED),

	/** A frame the codec cannot parse. */
	MALFORMED(ErrorType.DECODE),

	/** A failed TLS handshake or TLS record. */
	TLS_ERROR(ErrorType.TLS),

	/**
	 * The connection held unframed input longest when all connections together reached
	 * {@code tcp.server.max-buffered-bytes}.
	 */
	BUFFER_BUDGET(ErrorType.BUFFER_BUDGET),

	/** Another connection bound this connection's session key. */
	REPLACED(null),

	/** The graceful drain at shutdown. */
	DRAIN(null),

	/** Closed by an operator or by the server's own stop. */
	ADMIN(null),

	/**
	 * The client reset the connection while nothing was owed to it: no request in progress, no
	 * reply unwritten. A load balancer's health check ends this way; it is not an error.
	 */
	CLIENT_RESET(null),

	/** The connection broke (a reset or another I/O failure) while requests or replies were owed. */
	RESET(ErrorType.IO),

	/** An unexpected failure. */
	ERROR(ErrorType.IO);

	private final @Nullable ErrorType error;

	CloseCause(@Nullable ErrorType error) {
		this.error = error;
	}

	/** The error this cause counts, or {@code null} for a normal end. */
	public @Nullable ErrorType error() {
		return this.error;
	}

}
