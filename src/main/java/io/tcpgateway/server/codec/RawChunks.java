package io.tcpgateway.server.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * The {@code raw} codec's framing, which is none: each chunk as it is read is one message, cut
 * into pieces of at most the maximum message size.
 */
class RawChunks extends MessageToMessageDecoder<ByteBuf> {

	private final int maxMessageSize;

	RawChunks(int maxMessageSize) {
		super(ByteBuf.class);
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf chunk, List<Object> out) {
		while (chunk.isReadable()) {
			out.add(chunk.readRetainedSlice(Math.min(chunk.readableBytes(), this.maxMessageSize)));
		}
	}

}
