package io.tcpgateway.server.input;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.tcpgateway.server.codec.Framer;
import org.jspecify.annotations.Nullable;

/**
 * Owns a connection's input between the socket (or TLS) and its messages: keeps the bytes read
 * and not yet framed, and cuts them into frames only as fast as the connection takes them.
 * <ul>
 * <li>A frame is cut only while the connection can take it ({@link ReadGate#takesFrames()});
 * otherwise the bytes wait here and the socket is not read, so a client that pipelines cannot
 * make the server hold more than one read of its input, never a queue of decoded frames.</li>
 * <li>At most {@value #FRAMES_PER_PASS} frames per pass: a connection with more waiting yields
 * the event loop to the others and carries on in a task of its own, without reading meanwhile.</li>
 * <li>What it holds is its share of the {@link InputBudget}.</li>
 * <li>The end of the input, the client's half-close (FIN, or TLS close_notify) or the
 * connection's own ({@link ReadGate#finishInput}), is passed on only after every whole frame
 * read before it, so that each of them is still taken as a request.</li>
 * </ul>
 * State in plain fields, on the channel's event loop.
 */
final class FrameReader extends ChannelInboundHandlerAdapter implements ReadGate.Reader {

	static final int FRAMES_PER_PASS = 64;

	/** A buffer this much larger than what it holds is swapped for one that fits. */
	private static final int SLACK = 4096;

	private final Framer framer;

	private final InputBudget budget;

	private final ReadGate gate;

	private @Nullable ChannelHandlerContext ctx;

	private InputBudget.@Nullable Share share;

	private @Nullable ByteBuf buffered;

	/** Inside a pass: a pass asked for from within it (a frame's handling resumed the gate) is this one. */
	private boolean passing;

	private boolean continuationScheduled;

	/** The framer failed: the rest of the input is dropped. */
	private boolean failed;

	/**
	 * The end of the input, held until the frames before it are passed on: the client's
	 * half-close, or {@link ReadGate#INPUT_FINISHED} when the connection finishes it.
	 */
	private @Nullable Object inputClosed;

	FrameReader(Framer framer, InputBudget budget, ReadGate gate) {
		this.framer = framer;
		this.budget = budget;
		this.gate = gate;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
		this.share = this.budget.share(ctx.executor(), () -> ctx.fireUserEventTriggered(InputBudget.EXCEEDED));
		this.gate.reader(this);
	}

	@Override
	public void handOn() {
		pass(false);
	}

	@Override
	public void finish() {
		if (this.inputClosed == null) {
			this.inputClosed = ReadGate.INPUT_FINISHED;
		}
		pass(false);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf bytes)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.failed || this.inputClosed != null) {
			bytes.release();
			return;
		}
		ByteBuf held = this.buffered;
		this.buffered = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(),
				(held != null) ? held : io.netty.buffer.Unpooled.EMPTY_BUFFER, bytes);
		// the socket's own read-complete follows and flushes
		pass(true);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent) {
			if (this.inputClosed == null || this.inputClosed == ReadGate.INPUT_FINISHED) {
				this.inputClosed = event;
			}
			pass(false);
		}
		else {
			ctx.fireUserEventTriggered(event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		drop();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		drop();
	}

	/**
	 * Hands on whole frames while the connection takes them, up to this pass's share.
	 * @param fromSocket whether a socket read started it (its read-complete then flushes)
	 */
	private void pass(boolean fromSocket) {
		ChannelHandlerContext context = this.ctx;
		if (this.passing || context == null) {
			return;
		}
		this.passing = true;
		int frames = 0;
		boolean drained = false;
		try {
			while (true) {
				ByteBuf in = this.buffered;
				if (in == null || !in.isReadable() || this.failed) {
					drained = true;
					break;
				}
				if (!this.gate.takesFrames()) {
					break;
				}
				if (frames == FRAMES_PER_PASS) {
					continueLater(context);
					break;
				}
				int before = in.readableBytes();
				Object frame;
				try {
					frame = this.framer.next(context, in);
				}
				catch (Exception ex) {
					this.failed = true;
					context.fireExceptionCaught(ex);
					break;
				}
				if (frame == null) {
					if (in.readableBytes() == before) {
						drained = true;
						break;
					}
					continue;
				}
				frames++;
				context.fireChannelRead(frame);
			}
		}
		finally {
			this.passing = false;
		}
		settle(context);
		if (frames > 0 && !fromSocket) {
			context.fireChannelReadComplete();
		}
		if (drained) {
			this.gate.resume(ReadGate.BACKLOG);
			Object closed = this.inputClosed;
			if (closed != null) {
				// a partial frame left now was cut off by the end of the input
				drop();
				this.inputClosed = null;
				this.failed = true;
				context.fireUserEventTriggered(closed);
			}
		}
	}

	private void continueLater(ChannelHandlerContext context) {
		this.gate.pause(ReadGate.BACKLOG);
		if (!this.continuationScheduled) {
			this.continuationScheduled = true;
			context.executor().execute(() -> {
				this.continuationScheduled = false;
				pass(false);
			});
		}
	}

	/**
	 * After a pass: frees an emptied buffer, swaps one far larger than what it still holds (a
	 * whole read buffer kept for a few bytes of a partial frame) for one that fits, and tells the
	 * budget what is held now.
	 */
	private void settle(ChannelHandlerContext context) {
		ByteBuf in = this.buffered;
		if (in != null && (!in.isReadable() || this.failed)) {
			in.release();
			in = null;
		}
		else if (in != null && in.capacity() - in.readableBytes() > SLACK
				&& in.capacity() >= 2 * in.readableBytes()) {
			ByteBuf fitted = context.alloc().buffer(in.readableBytes());
			fitted.writeBytes(in);
			in.release();
			in = fitted;
		}
		this.buffered = in;
		if (!share(in)) {
			// no room even with the longest holders told to leave: this read is not kept
			this.failed = true;
			drop();
			context.fireUserEventTriggered(InputBudget.EXCEEDED);
		}
	}

	private void drop() {
		ByteBuf in = this.buffered;
		this.buffered = null;
		if (in != null) {
			in.release();
		}
		share(null);
	}

	/** Tells the budget what is held now; false when there is no room for it. */
	private boolean share(@Nullable ByteBuf in) {
		InputBudget.Share held = this.share;
		return held == null || held.hold((in != null) ? in.capacity() : 0);
	}

}
