package io.tcpgateway.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
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

	private final NettyServerConnectionFactory factory;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private @Nullable NettyTcpConnection connection;

	private @Nullable ReadGate gate;

	private @Nullable ScheduledFuture<?> writeTimeout;

	ConnectionHandler(NettyServerConnectionFactory factory, ConnectionStats stats, TrafficRecorder recorder) {
		this.factory = factory;
		this.stats = stats;
		this.recorder = recorder;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		if (this.factory.listener().proxyProtocol() == ProxyProtocol.OFF) {
			open(ctx, (InetSocketAddress) ctx.channel().remoteAddress());
		}
		ctx.fireChannelActive();
	}

	/** Admits the client (allow-list, max-connections) or refuses it, once it is known. */
	private void open(ChannelHandlerContext ctx, InetSocketAddress client) {
		RejectReason refused = this.factory.admit(ctx.channel(), client);
		if (refused != null) {
			refuse(ctx, client, refused);
			return;
		}
		ReadGate readGate = new ReadGate(ctx.channel());
		this.gate = readGate;
		this.connection = this.factory.connectionOpened(ctx, client, readGate, this.stats, this.recorder);
	}

	/** Counts and logs the refusal; a client over max-connections is told the server is busy. */
	private void refuse(ChannelHandlerContext ctx, InetSocketAddress client, RejectReason reason) {
		ListenerProperties listener = this.factory.listener();
		this.factory.connectionRejected(reason);
		ctx.channel().config().setAutoRead(false);
		if (reason == RejectReason.MAX_CONNECTIONS) {
			log.warn("Listener '" + listener.name() + "': refused " + client + ", " + listener.maxConnections()
					+ " connections already open (max-connections)");
			ctx.writeAndFlush(listener.codec().encode(ctx.alloc(), "ERR server busy"))
				.addListener(ChannelFutureListener.CLOSE);
		}
		else {
			log.warn("Listener '" + listener.name() + "': refused " + client + ", not in allowed-clients");
			ctx.close();
		}
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
				Duration timeout = this.factory.listener().writeTimeout();
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
		if (event instanceof ClientIdentified identified) {
			open(ctx, identified.address());
			return;
		}
		NettyTcpConnection current = this.connection;
		if (current == null) {
			ctx.fireUserEventTriggered(event);
			return;
		}
		if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
			tlsFailure(current, handshake.cause());
		}
		else if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent) {
			if (current.inputClosed()) {
				log.debug("Connection " + current.getConnectionId() + ": client closed its side");
			}
		}
		else if (event instanceof IdleStateEvent) {
			if (current.stopTaking(CloseCause.IDLE_TIMEOUT)) {
				log.info("Connection " + current.getConnectionId() + ": no complete message within "
						+ this.factory.listener().idleTimeout() + "; closing");
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
			int max = this.factory.listener().effectiveMaxMessageSize();
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
			if (current.abort(CloseCause.RESET)) {
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
