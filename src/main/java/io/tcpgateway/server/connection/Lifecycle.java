package io.tcpgateway.server.connection;

import java.util.function.Consumer;

import io.netty.channel.ChannelHandlerContext;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.TrafficRecorder;
import org.jspecify.annotations.Nullable;

/**
 * Where an admitted connection is in its life ({@link ConnectionState}), why it ends, and how it
 * closes: only once every request taken is answered and flushed, then FIN ({@link CloseSequence}),
 * and reported once nothing is in progress. The first cause given is the connection's cause and
 * counts its error; later ones count nothing. Owned by the connection's handler, on its event
 * loop.
 */
final class Lifecycle {

	private final ChannelHandlerContext ctx;

	private final ReadGate gate;

	private final RequestQueue queue;

	private final TrafficRecorder recorder;

	/** Told once, when the connection has closed with nothing in progress. */
	private final Consumer<CloseCause> finished;

	private ConnectionState state = ConnectionState.OPEN;

	private @Nullable CloseCause cause;

	private boolean closeStarted;

	private boolean channelClosed;

	private boolean reported;

	Lifecycle(ChannelHandlerContext ctx, ReadGate gate, RequestQueue queue, TrafficRecorder recorder,
			Consumer<CloseCause> finished) {
		this.ctx = ctx;
		this.gate = gate;
		this.queue = queue;
		this.recorder = recorder;
		this.finished = finished;
	}

	/** Whether requests are taken. */
	boolean takes() {
		return this.state == ConnectionState.OPEN;
	}

	/** Whether a frame pushed now is still written: the connection is open and not yet closing. */
	boolean acceptsPushes() {
		return this.state.answers();
	}

	/** Why the connection ends: its first cause; a close with none noticed is a reset. */
	CloseCause cause() {
		return (this.cause != null) ? this.cause : CloseCause.RESET;
	}

	/** Takes no more requests; those taken are answered, then the connection closes. */
	boolean stopTaking(@Nullable CloseCause why) {
		boolean first = advance(ConnectionState.DRAINING, why);
		closeIfAnswered();
		return first;
	}

	/**
	 * Reads no more; every whole frame already read is still taken and answered, then the
	 * connection closes (the frame reader says when, with {@link ReadGate#INPUT_FINISHED}).
	 */
	boolean endInput(CloseCause why) {
		boolean first = advance(this.state, why);
		if (this.state == ConnectionState.OPEN) {
			this.gate.finishInput();
		}
		return first;
	}

	/**
	 * Takes no requests after the one being taken now (a single-use connection's first, or the
	 * answer to a frame the codec refused), which is still answered in its turn.
	 */
	boolean takeNoMore(CloseCause why) {
		return advance(ConnectionState.DRAINING, why);
	}

	/** The client closed its side, after every frame before it was taken. */
	boolean inputClosed() {
		if (this.closeStarted) {
			// the client's FIN after ours: the close is complete
			this.ctx.close();
			return false;
		}
		return stopTaking(CloseCause.CLIENT_CLOSE);
	}

	/** Closes at once, whatever is in progress: the connection is broken or must go now. */
	boolean abort(CloseCause why) {
		boolean first = advance(ConnectionState.CLOSING, why);
		dropQueued();
		this.ctx.close();
		return first;
	}

	/** The reply just written is the last: requests still queued are dropped, then FIN. */
	void cut(CloseCause why) {
		advance(ConnectionState.CLOSING, why);
		dropQueued();
	}

	/** The channel has closed. */
	void channelClosed() {
		advance(ConnectionState.CLOSED, null);
		this.channelClosed = true;
		dropQueued();
		closeIfAnswered();
	}

	/** After each answer and each move: closes once nothing taken is left to answer. */
	void closeIfAnswered() {
		boolean idle = this.queue.idle();
		if (this.state == ConnectionState.DRAINING && idle) {
			advance(ConnectionState.CLOSING, null);
		}
		if (this.state == ConnectionState.CLOSING && idle && !this.closeStarted) {
			this.closeStarted = true;
			CloseSequence.start(this.ctx);
		}
		if (this.channelClosed && idle && !this.reported) {
			this.reported = true;
			this.finished.accept(cause());
		}
	}

	private void dropQueued() {
		for (int dropped = this.queue.drop(); dropped > 0; dropped--) {
			this.recorder.messageDiscarded();
		}
	}

	/**
	 * Moves forward to {@code to}; the first cause given is kept and its error counted. Returns
	 * whether {@code why} became the cause.
	 */
	private boolean advance(ConnectionState to, @Nullable CloseCause why) {
		if (this.state.compareTo(to) < 0) {
			this.state = to;
		}
		if (why != null && this.cause == null) {
			this.cause = why;
			ErrorType error = why.error();
			if (error != null) {
				this.recorder.error(error);
			}
			return true;
		}
		return false;
	}

}
