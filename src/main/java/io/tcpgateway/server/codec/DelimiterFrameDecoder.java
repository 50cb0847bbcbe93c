package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * Netty's {@link DelimiterBasedFrameDecoder} for one delimiter, delimiter stripped, failing fast.
 * Netty counts the first bytes of a delimiter that has not fully arrived (the CR of CRLF) as
 * part of the frame, so a frame of the maximum length cut inside its delimiter would be refused;
 * this decoder leaves room for them and keeps whole frames to the maximum itself.
 */
class DelimiterFrameDecoder extends DelimiterBasedFrameDecoder implements Framer {

	private final int maxFrameLength;

	DelimiterFrameDecoder(int maxFrameLength, byte[] delimiter) {
		super(maxFrameLength + delimiter.length - 1, true, true,
				Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(delimiter)));
		this.maxFrameLength = maxFrameLength;
	}

	@Override
	protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
		return atMost(this.maxFrameLength, super.decode(ctx, buffer));
	}

	/** The frame, unless it is longer than {@code max}: then it is released and refused. */
	static @Nullable Object atMost(int max, @Nullable Object frame) {
		if (frame instanceof ByteBuf buffer && buffer.readableBytes() > max) {
			int length = buffer.readableBytes();
			buffer.release();
			throw new TooLongFrameException("frame length " + length + " exceeds the allowed maximum " + max);
		}
		return frame;
	}

	@Override
	public @Nullable ByteBuf next(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		return (ByteBuf) decode(ctx, in);
	}

}
