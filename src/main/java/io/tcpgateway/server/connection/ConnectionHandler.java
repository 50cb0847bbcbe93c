package io.tcpgateway.server.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.unix.Errors;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.codec.BareLine;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.proxy.ClientAddress;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a connection's pipeline, where its delivery guarantee is kept: every
 * request taken gets exactly the frames its service returned, in order, and the channel closes
 * only once every request taken is answered and flushed. It admits the client once it is known,
 * then turns each of Netty's events (frames, half-close, timeouts, bad input, resets) into what
 * the {@link AdmittedConnection} does, logging each cause once. Everything on the channel's
 * event loop, in plain fields.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

	/** ETIMEDOUT on Linux, the only platform with epoll and TCP_USER_TIMEOUT. */
	private static final int LINUX_ETIMEDOUT = 110;

	private static final Log log = LogFactory.getLog(ConnectionHandler.class);

	private final ConnectionSettings settings;

	private final ConnectionAdmission admission;

	private final ConnectionEvents events;

	/** A new connection's lane to the workers; {@code null} when requests are answered on the event loop. */
	private final Supplier<@Nullable WorkerLane> lanes;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private final ReadGate gate;

	/** Once the client is known and admitted. */
	private @Nullable AdmittedConnection connection;

	private @Nullable ScheduledFuture<?> writeTimeout;

	ConnectionHandler(ConnectionSettings settings, ConnectionAdmission admission, ConnectionEvents events,
			Supplier<@Nullable WorkerLane> lanes, ConnectionStats stats, TrafficRecorder recorder, ReadGate gate) {
		this.settings = settings;
		this.admission = admission;
		this.events = events;
		this.lanes = lanes;
		this.stats = stats;
		this.recorder = recorder;
		this.gate = gate;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (!this.settings.proxied()) {
			identified(ctx);
		}
		ctx.fireChannelActive();
	}

	/** The real client is known (after its PROXY header, if any): admit it, or refuse it. */
	private void identified(ChannelHandlerContext ctx) {
		InetSocketAddress client = ClientAddress.of(ctx.channel());
		RejectReason refused = this.admission.identified(ctx.channel(), client);
		if (refused != null) {
			this.admission.refuse(ctx, client, refused);
			return;
		}
		if (!this.settings.tls()) {
			this.admission.established(ctx.channel());
		}
		this.connection = new AdmittedConnection(ctx, this.settings, client, this.lanes.get(), this.stats,
				this.recorder, this.gate, this.events);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (msg instanceof BareLine line) ? line.content() : (ByteBuf) msg;
		try {
			if (this.connection != null) {
				this.connection.frame(ByteBufUtil.getBytes(frame), msg instanceof BareLine);
			}
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		if (this.connection != null) {
			this.connection.readPassEnded();
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		AdmittedConnection admitted = this.connection;
		if (admitted != null) {
			cancelWriteTimeout();
			if (ctx.channel().isWritable()) {
				this.gate.resume(ReadGate.UNWRITABLE);
			}
			else {
				// no new requests while the client is not reading the replies it has
				this.gate.pause(ReadGate.UNWRITABLE);
				this.writeTimeout = ctx.executor()
					.schedule(() -> writeTimedOut(admitted), this.settings.writeTimeout().toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		AdmittedConnection admitted = this.connection;
		if (event == ClientAddress.IDENTIFIED) {
			identified(ctx);
		}
		else if (admitted == null) {
			ctx.fireUserEventTriggered(event);
		}
		else if (event instanceof SslHandshakeCompletionEvent handshake) {
			handshakeDone(ctx, admitted, handshake);
		}
		else if (event == ConnectionAdmission.HANDSHAKE_TIMED_OUT) {
			admitted.lifecycle().abort(CloseCause.HANDSHAKE_TIMEOUT);
		}
		else if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent) {
			if (admitted.lifecycle().inputClosed()) {
				log.debug("Connection " + admitted.id() + ": client closed its side");
			}
		}
		else if (event == ReadGate.INPUT_FINISHED) {
			admitted.lifecycle().stopTaking(null);
		}
		else if (event instanceof IdleStateEvent) {
			if (admitted.lifecycle().endInput(CloseCause.IDLE_TIMEOUT)) {
				log.info("Connection " + admitted.id() + ": no complete message within " + this.settings.idleTimeout()
						+ "; closing");
			}
		}
		else if (event == InputBudget.EXCEEDED) {
			admitted.lifecycle().abort(CloseCause.BUFFER_BUDGET);
		}
		else {
			ctx.fireUserEventTriggered(event);
		}
	}

	private void handshakeDone(ChannelHandlerContext ctx, AdmittedConnection admitted,
			SslHandshakeCompletionEvent handshake) {
		SslHandler tls = ctx.pipeline().get(SslHandler.class);
		this.recorder.tlsHandshake(handshake.isSuccess(),
				(handshake.isSuccess() && tls != null) ? tls.engine().getSession().getProtocol() : "none",
				this.stats.openNanos());
		if (handshake.isSuccess()) {
			this.admission.established(ctx.channel());
		}
		else {
			tlsFailure(admitted, handshake.cause());
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
		AdmittedConnection admitted = this.connection;
		if (admitted == null) {
			ctx.close();
		}
		else if (isTlsFailure(failure) || failure instanceof IOException && handshaking(ctx)) {
			tlsFailure(admitted, failure);
		}
		else if (failure instanceof TooLongFrameException) {
			int max = this.settings.maxMessageSize();
			if (admitted.refuseFrame(CloseCause.OVERSIZED, "ERR message too long (max " + max + " bytes)")) {
				log.warn("Connection " + admitted.id() + ": message longer than " + max + " bytes; closing");
			}
		}
		else if (failure instanceof DecoderException) {
			if (admitted.refuseFrame(CloseCause.MALFORMED, "ERR malformed frame")) {
				log.warn("Connection " + admitted.id() + ": malformed frame ("
						+ ControlCharacters.escape(String.valueOf(failure.getMessage())) + "); closing");
			}
		}
		else if (failure instanceof Errors.NativeIoException kernel && kernel.expectedErr() == -LINUX_ETIMEDOUT) {
			// the kernel's TCP_USER_TIMEOUT (write-timeout, on epoll): replies it held went untaken
			writeTimedOut(admitted);
		}
		else if (failure instanceof IOException) {
			if (admitted.lifecycle().abort(admitted.owesNothing() ? CloseCause.CLIENT_RESET : CloseCause.RESET)) {
				log.debug("Connection " + admitted.id() + ": " + failure.getMessage());
			}
		}
		else if (admitted.lifecycle().abort(CloseCause.ERROR)) {
			log.error("Connection " + admitted.id() + ": unexpected failure; closing", failure);
		}
	}

	/** Netty reports a failed handshake twice (event and exception): counted and logged once. */
	private static void tlsFailure(AdmittedConnection admitted, Throwable failure) {
		if (admitted.lifecycle().abort(CloseCause.TLS_ERROR)) {
			log.warn("Connection " + admitted.id() + " from " + admitted.remoteAddress() + ": TLS failed ("
					+ ControlCharacters.escape(String.valueOf(failure.getMessage())) + "); closing");
		}
	}

	private static boolean isTlsFailure(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SSLException || t instanceof NotSslRecordException) {
				return true;
			}
		}
		return false;
	}

	/** Whether a TLS handshake is still under way: a reset now aborts it, a TLS failure. */
	private static boolean handshaking(ChannelHandlerContext ctx) {
		SslHandler tls = ctx.pipeline().get(SslHandler.class);
		return tls != null && !tls.handshakeFuture().isDone();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelWriteTimeout();
		if (this.connection != null) {
			this.connection.lifecycle().channelClosed();
		}
		ctx.fireChannelInactive();
	}

	private void writeTimedOut(AdmittedConnection admitted) {
		if (admitted.lifecycle().abort(CloseCause.WRITE_TIMEOUT)) {
			log.info("Connection " + admitted.id() + ": client read no reply within " + this.settings.writeTimeout()
					+ "; closing");
		}
	}

	private void cancelWriteTimeout() {
		if (this.writeTimeout != null) {
			this.writeTimeout.cancel(false);
			this.writeTimeout = null;
		}
	}

}
