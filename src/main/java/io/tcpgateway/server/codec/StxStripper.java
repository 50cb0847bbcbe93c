package io.tcpgateway.server.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;

/** Checks that an ETX-terminated frame starts with STX, and drops the STX. */
class StxStripper extends MessageToMessageDecoder<ByteBuf> {

	StxStripper() {
		super(ByteBuf.class);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
		if (!frame.isReadable() || frame.readByte() != Codec.STX) {
			throw new CorruptedFrameException("frame does not start with STX");
		}
		out.add(frame.retain());
	}

}
