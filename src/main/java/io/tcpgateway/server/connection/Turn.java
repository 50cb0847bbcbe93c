package io.tcpgateway.server.connection;

import java.util.concurrent.ScheduledFuture;

import io.netty.util.AsciiString;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.view.RequestTrace;
import org.jspecify.annotations.Nullable;

/**
 * One request of a connection, from the moment it is taken until its answer is written: handed
 * from the event loop to whatever answers it and back, as a value. The thread answering it
 * writes the reply, the trace and the start; the event loop reads them only after the turn has
 * been handed back, and alone decides how the turn ends. The one field both sides touch at once
 * is {@code cancelled}, as in a future.
 */
public final class Turn {

	/** Event loop: where the turn is. */
	enum Stage {

		/** Taken, not yet answered. */
		PENDING,

		/** Its reply, or the server's answer, is written. */
		ANSWERED,

		/** The request timeout wrote {@code ERR timeout} in its place; a late reply is dropped. */
		TIMED_OUT,

		/** Never answered: the connection was cut or closed first. */
		DROPPED

	}

	private final byte @Nullable [] request;

	/** The request as ISO-8859-1 characters, for metrics tags and traces: a view, made once. */
	private final @Nullable AsciiString requestText;

	/** The request was a line that ended with a bare LF: its replies end so too. */
	private final boolean bareLine;

	/** The answer when the server already knows it (a refused frame, a full worker queue). */
	private final @Nullable Reply known;

	// written by the answering thread, read by the event loop once the turn is back
	private @Nullable Reply reply;

	private RequestTrace trace = RequestTrace.NONE;

	private long startNanos;

	/** The thread answering it: a reply sent on any other is not this turn's. */
	private @Nullable Thread answeringThread;

	private volatile boolean cancelled;

	// event loop only
	Stage stage = Stage.PENDING;

	@Nullable ScheduledFuture<?> deadline;

	private Turn(byte @Nullable [] request, boolean bareLine, @Nullable Reply known) {
		this.request = request;
		this.requestText = (request != null) ? new AsciiString(request, false) : null;
		this.bareLine = bareLine;
		this.known = known;
	}

	/**
	 * A request the reply service answers.
	 * @param bareLine whether it was a line that ended with a bare LF
	 */
	static Turn request(byte[] request, boolean bareLine) {
		return new Turn(request, bareLine, null);
	}

	/** A turn the server answers itself, in its place in the order. */
	static Turn known(Reply reply) {
		return new Turn(null, false, reply);
	}

	/** The request's frame, framing removed. */
	public byte[] request() {
		if (this.request == null) {
			throw new IllegalStateException("a turn the server answers has no request");
		}
		return this.request;
	}

	/** On the answering thread: the reply the service built. The first one counts. */
	public void replied(Reply reply) {
		if (this.reply == null) {
			this.reply = reply;
		}
	}

	boolean isRequest() {
		return this.request != null;
	}

	boolean bareLine() {
		return this.bareLine;
	}

	/** The request as ISO-8859-1 characters, for metrics tags and traces; no copy. */
	CharSequence requestText() {
		if (this.requestText == null) {
			throw new IllegalStateException("a turn the server answers has no request");
		}
		return this.requestText;
	}

	/** On the answering thread: the service starts on it. */
	void start(RequestTrace trace) {
		this.startNanos = System.nanoTime();
		this.trace = trace;
		this.answeringThread = Thread.currentThread();
	}

	/**
	 * Whether the calling thread is the one answering this turn, and no reply was given yet: a
	 * reply sent now is this turn's.
	 */
	public boolean awaitsReplyHere() {
		return this.answeringThread == Thread.currentThread() && this.reply == null;
	}

	/** On the event loop: a turn handed over but not started will not be. */
	void cancel() {
		this.cancelled = true;
	}

	boolean wasCancelled() {
		return this.cancelled;
	}

	/** The reply to write: the server's own, or the one the service gave (null if it gave none). */
	@Nullable Reply answer() {
		return (this.known != null) ? this.known : this.reply;
	}

	RequestTrace trace() {
		return this.trace;
	}

	long startNanos() {
		return this.startNanos;
	}

}
