package io.tcpgateway.server.view;

/**
 * The trace of one request, from a {@link TrafficRecorder}: opened on the thread that answers
 * the request (so that what it logs carries the trace), left by that thread when the service
 * returns, and ended once, when the reply is written or given up.
 */
public interface RequestTrace {

	/** No tracing: costs nothing. */
	RequestTrace NONE = new RequestTrace() {
	};

	/** On the answering thread, once the service has returned. */
	default void leave() {
	}

	/**
	 * The request is done.
	 * @param failed whether its reply was {@code ERR internal error} or {@code ERR timeout}
	 */
	default void end(boolean failed) {
	}

}
