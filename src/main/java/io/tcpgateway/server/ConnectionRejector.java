package io.tcpgateway.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The whole pipeline of a connection refused at accept: counts it, logs it, tells a client over
 * max-connections that the server is busy (a client not allowed is told nothing), and closes.
 */
class ConnectionRejector extends ChannelInboundHandlerAdapter {

	private static final Log log = LogFactory.getLog(ConnectionRejector.class);

	private final NettyServerConnectionFactory factory;

	private final RejectReason reason;

	ConnectionRejector(NettyServerConnectionFactory factory, RejectReason reason) {
		this.factory = factory;
		this.reason = reason;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ListenerProperties listener = this.factory.listener();
		this.factory.connectionRejected(this.reason);
		ctx.channel().config().setAutoRead(false);
		if (this.reason == RejectReason.MAX_CONNECTIONS) {
			log.warn("Listener '" + listener.name() + "': refused " + ctx.channel().remoteAddress() + ", "
					+ listener.maxConnections() + " connections already open (max-connections)");
			ctx.writeAndFlush(listener.codec().encode(ctx.alloc(), "ERR server busy"))
				.addListener(ChannelFutureListener.CLOSE);
		}
		else {
			log.warn("Listener '" + listener.name() + "': refused " + ctx.channel().remoteAddress()
					+ ", not in allowed-clients");
			ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

}
