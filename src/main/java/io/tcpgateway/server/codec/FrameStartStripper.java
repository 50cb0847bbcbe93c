package io.tcpgateway.server.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Checks that a frame cut at its end marker starts with its start byte (STX, or MLLP's VT), and
 * drops that byte.
 */
class FrameStartStripper extends MessageToMessageDecoder<ByteBuf> {

	private final byte start;

	FrameStartStripper(byte start) {
		super(ByteBuf.class);
		this.start = start;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
		if (!frame.isReadable() || frame.readByte() != this.start) {
			throw new CorruptedFrameException("frame does not start with 0x" + Integer.toHexString(this.start));
		}
		out.add(frame.retain());
	}

}
