package io.tcpgateway.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.dispatch.ReadGate;
import io.tcpgateway.server.proxy.ClientAddress;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a connection's pipeline, on its event loop: hands each frame to the
 * connection, flushes replies once per read batch, stops reading from a client that does not
 * read its replies, and turns half-close, timeouts and bad input into the connection's
 * transitions (see {@link ConnectionState}), logging each cause once.
 */
class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private static final Log log = LogFactory.getLog(ConnectionHandler.class);

	/** Makes the connection of a channel just admitted. */
	@FunctionalInterface
	interface Opener {

		NettyTcpConnection open(ChannelHandlerContext ctx, InetSocketAddress client, ReadGate gate,
				ConnectionStats stats, TrafficRecorder recorder);

	}

	private final ListenerSettings settings;

	private final ConnectionAdmission admission;

	private final Opener opener;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private @Nullable NettyTcpConnection connection;

	private @Nullable ReadGate gate;

	private @Nullable ScheduledFuture<?> writeTimeout;

	ConnectionHandler(ListenerSettings settings, ConnectionAdmission admission, Opener opener, ConnectionStats stats,
			TrafficRecorder recorder) {
		this.settings = settings;
		this.admission = admission;
		this.opener = opener;
		this.stats = stats;
		this.recorder = recorder;
	}

	/** The channel is active once the client is known (after its PROXY header, if any): admit it. */
	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		InetSocketAddress client = ClientAddress.of(ctx.channel());
		RejectReason refused = this.admission.identified(ctx.channel(), client);
		if (refused != null) {
			this.admission.refuse(ctx, client, refused);
			return;
		}
		if (this.settings.tls() == null) {
			this.admission.established(ctx.channel());
		}
		ReadGate readGate = new ReadGate(ctx.channel());
		this.gate = readGate;
		this.connection = this.opener.open(ctx, client, readGate, this.stats, this.recorder);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		NettyTcpConnection current = this.connection;
		if (current == null) {
			((ByteBuf) msg).release();
			return;
		}
		current.frameReceived((ByteBuf) msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		NettyTcpConnection current = this.connection;
		ReadGate readGate = this.gate;
		if (current != null && readGate != null) {
			cancelWriteTimeout();
			if (ctx.channel().isWritable()) {
				readGate.resume(ReadGate.UNWRITABLE);
			}
			else {
				// no new requests while the client is not reading the replies it has
				readGate.pause(ReadGate.UNWRITABLE);
				Duration timeout = this.settings.writeTimeout();
				this.writeTimeout = ctx.executor().schedule(() -> {
					if (current.abort(CloseCause.WRITE_TIMEOUT)) {
						log.info("Connection " + current.getConnectionId() + ": client read no reply within "
								+ timeout + "; closing");
					}
				}, timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		ctx.fireChannelWritabilityChanged();
	}

	private void cancelWriteTimeout() {
		if (this.writeTimeout != null) {
			this.writeTimeout.cancel(false);
			this.writeTimeout = null;
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		NettyTcpConnection current = this.connection;
		if (current == null) {
			ctx.fireUserEventTriggered(event);
			return;
		}
		if (event instanceof SslHandshakeCompletionEvent handshake) {
			SslHandler tls = ctx.pipeline().get(SslHandler.class);
			this.recorder.tlsHandshake(handshake.isSuccess(),
					(handshake.isSuccess() && tls != null) ? tls.engine().getSession().getProtocol() : "none",
					this.stats.openNanos());
			if (handshake.isSuccess()) {
				this.admission.established(ctx.channel());
			}
			else {
				tlsFailure(current, handshake.cause());
			}
		}
		else if (event == ConnectionAdmission.HANDSHAKE_TIMED_OUT) {
			current.abort(CloseCause.HANDSHAKE_TIMEOUT);
		}
		else if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent) {
			if (current.inputClosed()) {
				log.debug("Connection " + current.getConnectionId() + ": client closed its side");
			}
		}
		else if (event instanceof IdleStateEvent) {
			if (current.stopTaking(CloseCause.IDLE_TIMEOUT)) {
				log.info("Connection " + current.getConnectionId() + ": no complete message within "
						+ this.settings.idleTimeout() + "; closing");
			}
		}
		else {
			ctx.fireUserEventTriggered(event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelWriteTimeout();
		NettyTcpConnection current = this.connection;
		if (current != null) {
			current.channelClosed();
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		NettyTcpConnection current = this.connection;
		if (current == null) {
			ctx.close();
			return;
		}
		if (isTlsFailure(cause)) {
			tlsFailure(current, cause);
		}
		else if (cause instanceof TooLongFrameException) {
			int max = this.settings.maxMessageSize();
			if (current.refuseFrame(CloseCause.OVERSIZED, "ERR message too long (max " + max + " bytes)")) {
				log.warn("Connection " + current.getConnectionId() + ": message longer than " + max
						+ " bytes; closing");
			}
		}
		else if (cause instanceof DecoderException) {
			if (current.refuseFrame(CloseCause.MALFORMED, "ERR malformed frame")) {
				log.warn("Connection " + current.getConnectionId() + ": malformed frame (" + cause.getMessage()
						+ "); closing");
			}
		}
		else if (cause instanceof IOException) {
			if (current.abort(current.owesNothing() ? CloseCause.CLIENT_RESET : CloseCause.RESET)) {
				log.debug("Connection " + current.getConnectionId() + ": " + cause.getMessage());
			}
		}
		else if (current.abort(CloseCause.ERROR)) {
			log.error("Connection " + current.getConnectionId() + ": unexpected failure; closing", cause);
		}
	}

	/** Netty reports a failed handshake twice (event and exception): counted and logged once. */
	private static void tlsFailure(NettyTcpConnection connection, Throwable cause) {
		if (connection.abort(CloseCause.TLS_ERROR)) {
			log.warn("Connection " + connection.getConnectionId() + " from " + connection.remoteAddress()
					+ ": TLS failed (" + cause.getMessage() + "); closing");
		}
	}

	private static boolean isTlsFailure(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof SSLException || t instanceof NotSslRecordException) {
				return true;
			}
		}
		return false;
	}

}
