package io.tcpgateway.server.dispatch;

import io.netty.buffer.ByteBuf;

/**
 * What a connection does in each of its turns on the worker, and what it is told back on its
 * event loop. Implemented by the connection, called by its {@link OrderedWorker}.
 */
public interface RequestTurns {

	/**
	 * On the worker: answers one request; the frame is released by the caller.
	 * @param endTurn lets the next request go before this one returns (after a request timeout)
	 */
	void answer(ByteBuf frame, Runnable endTurn);

	/** On the worker: answers {@code ERR server busy} in this request's place. */
	void answerBusy();

	/** On the worker: writes the server's own error reply for a refused frame, then closes. */
	void answerWithError(String reply);

	/** On the event loop: a request found the worker queue full. */
	void busyDecided();

	/** On the event loop: a frame that waited past the point where requests were taken. */
	void discard(ByteBuf frame);

	/** On the event loop: a turn has finished and handed its replies to the channel. */
	void turnFinished();

}
