package io.tcpgateway.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The whole pipeline of a connection over max-connections: say so, then close. */
class BusyRejector extends ChannelInboundHandlerAdapter {

	private static final Log log = LogFactory.getLog(BusyRejector.class);

	private final NettyServerConnectionFactory factory;

	BusyRejector(NettyServerConnectionFactory factory) {
		this.factory = factory;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ListenerProperties listener = this.factory.listener();
		this.factory.connectionRejected(RejectReason.MAX_CONNECTIONS);
		log.warn("Listener '" + listener.name() + "': refused " + ctx.channel().remoteAddress() + ", "
				+ listener.maxConnections() + " connections already open (tcp.server.max-connections)");
		ctx.channel().config().setAutoRead(false);
		ctx.writeAndFlush(listener.codec().encode(ctx.alloc(), "ERR server busy"))
			.addListener(ChannelFutureListener.CLOSE);
	}

}
