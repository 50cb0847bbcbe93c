package io.tcpgateway.server;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a connection's pipeline: hands each frame to the connection's gateway
 * in arrival order, flushes the replies once per read batch, and closes the connection
 * cleanly on half-close, idle timeout and bad input.
 */
class ConnectionHandler extends ChannelInboundHandlerAdapter {

	private static final Log log = LogFactory.getLog(ConnectionHandler.class);

	private final NettyServerConnectionFactory factory;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private @Nullable NettyTcpConnection connection;

	ConnectionHandler(NettyServerConnectionFactory factory, ConnectionStats stats, TrafficRecorder recorder) {
		this.factory = factory;
		this.stats = stats;
		this.recorder = recorder;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.connection = this.factory.connectionOpened(ctx, this.stats, this.recorder);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ByteBuf frame = (ByteBuf) msg;
		try {
			NettyTcpConnection current = this.connection;
			if (current != null && !current.isClosing()) {
				current.receive(frame);
			}
		}
		finally {
			frame.release();
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
		NettyTcpConnection current = this.connection;
		if (current == null) {
			ctx.fireUserEventTriggered(event);
			return;
		}
		if (event instanceof ChannelInputShutdownEvent) {
			// the client half-closed: every frame it sent has been answered by now
			log.debug("Connection " + current.getConnectionId() + ": client closed its side; closing");
			current.close();
		}
		else if (event instanceof IdleStateEvent) {
			this.recorder.error(ErrorType.TIMEOUT);
			log.info("Connection " + current.getConnectionId() + ": no complete message within "
					+ this.factory.listener().idleTimeout() + "; closing");
			current.close();
		}
		else {
			ctx.fireUserEventTriggered(event);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		NettyTcpConnection current = this.connection;
		if (current != null) {
			this.factory.connectionClosed(current, this.recorder);
		}
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		NettyTcpConnection current = this.connection;
		if (current == null || current.isClosing()) {
			ctx.close();
			return;
		}
		if (cause instanceof TooLongFrameException) {
			this.recorder.error(ErrorType.OVERSIZED);
			int max = this.factory.listener().effectiveMaxMessageSize();
			log.warn("Connection " + current.getConnectionId() + ": message longer than " + max + " bytes; closing");
			current.replyAndClose("ERR message too long (max " + max + " bytes)");
		}
		else if (cause instanceof DecoderException) {
			this.recorder.error(ErrorType.DECODE);
			log.warn("Connection " + current.getConnectionId() + ": malformed frame (" + cause.getMessage()
					+ "); closing");
			current.replyAndClose("ERR malformed frame");
		}
		else if (cause instanceof IOException) {
			this.recorder.error(ErrorType.IO);
			log.debug("Connection " + current.getConnectionId() + ": " + cause.getMessage());
			ctx.close();
		}
		else {
			this.recorder.error(ErrorType.IO);
			log.error("Connection " + current.getConnectionId() + ": unexpected failure; closing", cause);
			ctx.close();
		}
	}

}
