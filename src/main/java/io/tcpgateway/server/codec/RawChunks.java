package io.tcpgateway.server.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * The {@code raw} codec's framing, which is none: each chunk as it is read is one message, cut
 * into pieces of at most the maximum message size.
 */
class RawChunks extends ByteToMessageDecoder {

	private final int maxMessageSize;

	RawChunks(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		out.add(in.readRetainedSlice(Math.min(in.readableBytes(), this.maxMessageSize)));
	}

}
