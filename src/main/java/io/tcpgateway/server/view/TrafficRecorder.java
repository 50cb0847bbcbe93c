package io.tcpgateway.server.view;

import java.net.InetSocketAddress;

/**
 * Receives what happens on one listener, as it happens, so that it can be counted. Called on
 * the I/O and worker threads: implementations must be thread-safe and cheap.
 */
public interface TrafficRecorder {

	/** Records nothing; used when no metrics are configured. */
	TrafficRecorder NONE = new TrafficRecorder() {
	};

	default void connectionOpened() {
	}

	default void connectionRejected(RejectReason reason) {
	}

	/**
	 * A client was admitted without per-client limits: the listener's table of clients
	 * ({@code max-tracked-clients}) is full of clients with connections open.
	 */
	default void clientUntracked() {
	}

	/**
	 * @param openNanos how long the connection was open, in nanoseconds
	 * @param cause why it closed
	 */
	default void connectionClosed(long openNanos, CloseCause cause) {
	}

	/**
	 * A TLS handshake ended.
	 * @param protocol such as {@code TLSv1.3}; {@code none} when it failed before one was agreed
	 * @param nanos from the connection's accept to the handshake's end
	 */
	default void tlsHandshake(boolean success, String protocol, long nanos) {
	}

	default void bytesReceived(int bytes) {
	}

	default void bytesSent(int bytes) {
	}

	/** A request was taken for an answer. */
	default void messageReceived() {
	}

	/**
	 * The socket took a reply, whether the reply service made it or the server (an error
	 * reply).
	 */
	default void messageSent() {
	}

	/** A reply could not be written: the connection broke before the socket took it. */
	default void messageAbandoned() {
	}

	/**
	 * A frame arrived after the connection stopped taking requests (after QUIT, a single-use
	 * reply, or while closing): it gets no reply.
	 */
	default void messageDiscarded() {
	}

	/**
	 * The reply service answered a request and its reply was written.
	 * @param request the message it answers (its bytes as ISO-8859-1 characters)
	 * @param failed whether the client got {@code ERR internal error} or {@code ERR timeout}
	 * @param nanos from the service starting on it to its reply being written
	 */
	default void requestCompleted(CharSequence request, boolean failed, long nanos) {
	}

	default void error(ErrorType type) {
	}

	/**
	 * A frame pushed to a connection of this listener ended.
	 * @param outcome {@code written}, {@code not-connected} or {@code refused}
	 */
	default void pushed(String outcome) {
	}

	/**
	 * A request is about to be answered on this thread: its trace, if requests are traced.
	 * @param request the request (its bytes as ISO-8859-1 characters)
	 * @param connectionId the connection it came on
	 * @param client the real client
	 */
	default RequestTrace requestStarted(CharSequence request, String connectionId, InetSocketAddress client) {
		return RequestTrace.NONE;
	}

	/** Creates the recorder of each listener once it is bound. */
	@FunctionalInterface
	interface Factory {

		/** @param listener the listener, bound: its port is the real one */
		TrafficRecorder forListener(ListenerView listener);

	}

}
