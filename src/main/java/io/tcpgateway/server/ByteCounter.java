package io.tcpgateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tcpgateway.server.connection.ConnectionStats;
import io.tcpgateway.server.view.TrafficRecorder;

/** First in the pipeline: counts the bytes that cross the socket, both ways. */
class ByteCounter extends ChannelDuplexHandler {

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	ByteCounter(ConnectionStats stats, TrafficRecorder recorder) {
		this.stats = stats;
		this.recorder = recorder;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buf) {
			int bytes = buf.readableBytes();
			this.stats.bytesIn(bytes);
			this.recorder.bytesReceived(bytes);
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof ByteBuf buf && buf.isReadable()) {
			int bytes = buf.readableBytes();
			this.stats.bytesOut(bytes);
			this.recorder.bytesSent(bytes);
		}
		ctx.write(msg, promise);
	}

}
