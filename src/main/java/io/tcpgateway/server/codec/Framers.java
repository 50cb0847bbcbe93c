package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Small {@link Framer}s, and Netty's stock frame decoders as framers: each decoder's own
 * one-frame {@code decode} step, called by the connection's frame reader instead of Netty's
 * decode-everything loop, so that a connection decodes a frame only when it can take one.
 */
final class Framers {

	private Framers() {
	}

	/** Frames of exactly {@code length} bytes. */
	static Framer fixedLength(int length) {
		return new FixedLength(length);
	}

	/** No framing: whatever has been read, up to the maximum, is one message. */
	static Framer raw(int maxLength) {
		return (ctx, in) -> in.isReadable() ? in.readRetainedSlice(Math.min(in.readableBytes(), maxLength)) : null;
	}

	/** Frames of {@code inner} that must begin with {@code start}, which is dropped. */
	static Framer startingWith(byte start, Framer inner) {
		return (ctx, in) -> {
			ByteBuf frame = (ByteBuf) inner.next(ctx, in);
			if (frame != null && (!frame.isReadable() || frame.readByte() != start)) {
				frame.release();
				throw new CorruptedFrameException("frame does not start with 0x" + Integer.toHexString(start));
			}
			return frame;
		};
	}

	private static final class FixedLength extends FixedLengthFrameDecoder implements Framer {

		FixedLength(int length) {
			super(length);
		}

		@Override
		public @Nullable ByteBuf next(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
			return (ByteBuf) decode(ctx, in);
		}

	}

}
