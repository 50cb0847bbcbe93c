package io.tcpgateway.server.connection;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * How a connection closes once everything it owes is written: flush, then FIN (after TLS
 * close_notify), then a short wait for the client's FIN, so that input the client sent meanwhile
 * does not turn the close into a reset that could destroy replies it has not read yet.
 */
final class CloseSequence {

	/** How long a closing connection waits for the client's FIN after sending its own. */
	static final long LINGER_SECONDS = 2;

	private CloseSequence() {
	}

	static void start(ChannelHandlerContext ctx) {
		Channel channel = ctx.channel();
		ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((flushed) -> shutdownOutput(channel));
	}

	private static void shutdownOutput(Channel channel) {
		if (channel instanceof DuplexChannel duplex && channel.isActive() && !duplex.isInputShutdown()) {
			SslHandler tls = channel.pipeline().get(SslHandler.class);
			if (tls != null) {
				tls.closeOutbound().addListener((notified) -> finishOutput(duplex));
			}
			else {
				finishOutput(duplex);
			}
		}
		else {
			channel.close();
		}
	}

	private static void finishOutput(DuplexChannel channel) {
		channel.shutdownOutput()
			.addListener((shut) -> channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS));
	}

}
