package io.tcpgateway.server.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.codec.ReplyTooLongException;
import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes a connection's answers on its event loop: each frame framed by the listener's codec,
 * the frames of one reply one after the other, each counted once the socket has taken it (or as
 * abandoned when the connection breaks first); and counts and times the request it answers.
 * Flushing is the caller's: once per pass.
 */
final class ReplyWriter implements ChannelFutureListener {

	private static final Log log = LogFactory.getLog(ReplyWriter.class);

	private static final Reply TIMEOUT = Reply.of("ERR timeout");

	private final ChannelHandlerContext ctx;

	private final ConnectionSettings settings;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	/** How the client's last request ended: pushes and the server's own lines end the same way. */
	private Codec lastRequestCodec;

	ReplyWriter(ChannelHandlerContext ctx, ConnectionSettings settings, ConnectionStats stats,
			TrafficRecorder recorder) {
		this.ctx = ctx;
		this.settings = settings;
		this.stats = stats;
		this.recorder = recorder;
		this.lastRequestCodec = settings.codec();
	}

	/** A request was taken: its replies, and what is written after them, end as it did. */
	void requestTaken(boolean bareLine) {
		this.lastRequestCodec = bareLine ? this.settings.bareLineReplies() : this.settings.codec();
	}

	/**
	 * Writes the answer of a turn that came back: the service's reply (or {@code ERR internal
	 * error} when it gave none), or the server's own.
	 * @return what was written
	 */
	Reply answered(Turn turn, String connectionId) {
		Reply reply = turn.answer();
		if (!turn.isRequest()) {
			taken();
			write(reply, this.lastRequestCodec, connectionId);
			return reply;
		}
		if (reply == null) {
			log.error("Connection " + connectionId + ": no reply was produced; answered ERR internal error");
			reply = Reply.internalError();
		}
		boolean failed = reply.isInternalError();
		if (failed) {
			this.recorder.error(ErrorType.SERVICE);
		}
		taken();
		write(reply, codecFor(turn), connectionId);
		this.recorder.requestCompleted(turn.requestText(), failed, System.nanoTime() - turn.startNanos());
		turn.trace().end(failed);
		return reply;
	}

	/** Writes {@code ERR timeout} in the place of a request the service took too long on. */
	void timedOut(Turn turn, String connectionId) {
		this.recorder.error(ErrorType.REQUEST_TIMEOUT);
		log.warn("Connection " + connectionId + ": no reply within " + this.settings.requestTimeout().toMillis()
				+ " ms (tcp.server.request-timeout); answered ERR timeout, the late reply will be discarded");
		taken();
		write(TIMEOUT, codecFor(turn), connectionId);
		this.recorder.requestCompleted(turn.requestText(), true, System.nanoTime() - turn.startNanos());
	}

	private void taken() {
		this.stats.messageIn();
		this.recorder.messageReceived();
	}

	private Codec codecFor(Turn turn) {
		return turn.bareLine() ? this.settings.bareLineReplies() : this.settings.codec();
	}

	/** Writes every frame of {@code reply}, in order. */
	private void write(Reply reply, Codec codec, String connectionId) {
		for (Reply.Frame frame : reply.frames()) {
			this.ctx.write(encode(frame, codec, connectionId), this.ctx.newPromise().addListener(this));
		}
	}

	/**
	 * Writes a frame pushed outside any request; {@code written} is told how it went (it counts
	 * the push, not a reply).
	 * @return false, writing nothing, when the frame is too long for the codec's framing
	 */
	boolean push(Reply.Frame frame, ChannelFutureListener written) {
		String text = frame.text();
		Codec codec = this.lastRequestCodec;
		ByteBuf out;
		try {
			out = (text != null) ? codec.encode(this.ctx.alloc(), text, this.settings.charset())
					: codec.encode(this.ctx.alloc(), frame.bytes(this.settings.charset()));
		}
		catch (ReplyTooLongException ex) {
			this.recorder.error(ErrorType.ENCODE);
			return false;
		}
		this.ctx.write(out, this.ctx.newPromise().addListener(written));
		return true;
	}

	/** Writes text the server sends outside any reply (the greeting): not counted as a reply. */
	void writeUncounted(String text) {
		this.ctx.write(this.settings.codec().encode(this.ctx.alloc(), text, this.settings.charset()));
	}

	private ByteBuf encode(Reply.Frame frame, Codec codec, String connectionId) {
		String text = frame.text();
		try {
			return (text != null) ? codec.encode(this.ctx.alloc(), text, this.settings.charset())
					: codec.encode(this.ctx.alloc(), frame.bytes(this.settings.charset()));
		}
		catch (ReplyTooLongException ex) {
			this.recorder.error(ErrorType.ENCODE);
			log.warn("Connection " + connectionId + ": " + ex.getMessage() + "; sent ERR reply too long");
			return codec.encode(this.ctx.alloc(), "ERR reply too long");
		}
	}

	/** A reply frame was written (counted once the socket took it), or abandoned. */
	@Override
	public void operationComplete(ChannelFuture written) {
		if (written.isSuccess()) {
			this.stats.messageOut();
			this.recorder.messageSent();
		}
		else {
			this.recorder.messageAbandoned();
		}
	}

}
