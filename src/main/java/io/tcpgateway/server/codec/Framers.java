package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Netty's stock frame decoders as {@link Framer}s: each decoder's own one-frame {@code decode}
 * step, called by the connection's frame reader instead of Netty's decode-everything loop, so
 * that a connection decodes a frame only when it can take one.
 */
final class Framers {

	private Framers() {
	}

	/** A message ending at {@code delimiter}, which is stripped. */
	static Framer delimited(int maxLength, ByteBuf delimiter) {
		return new Delimited(maxLength, delimiter);
	}

	/** An unsigned big-endian length of {@code headerLength} bytes, then that many bytes. */
	static Framer lengthPrefixed(int maxPayload, int headerLength) {
		return new LengthPrefixed(maxPayload, headerLength);
	}

	/** No framing: whatever has been read, up to the maximum, is one message. */
	static Framer raw(int maxLength) {
		return (ctx, in) -> in.isReadable() ? in.readRetainedSlice(Math.min(in.readableBytes(), maxLength)) : null;
	}

	/** Frames of {@code inner} that must begin with {@code start}, which is dropped. */
	static Framer startingWith(byte start, Framer inner) {
		return (ctx, in) -> {
			ByteBuf frame = inner.next(ctx, in);
			if (frame != null && (!frame.isReadable() || frame.readByte() != start)) {
				frame.release();
				throw new CorruptedFrameException("frame does not start with 0x" + Integer.toHexString(start));
			}
			return frame;
		};
	}

	private static final class Delimited extends DelimiterBasedFrameDecoder implements Framer {

		Delimited(int maxLength, ByteBuf delimiter) {
			super(maxLength, true, true, delimiter);
		}

		@Override
		public @Nullable ByteBuf next(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
			return (ByteBuf) decode(ctx, in);
		}

	}

	private static final class LengthPrefixed extends LengthFieldBasedFrameDecoder implements Framer {

		LengthPrefixed(int maxPayload, int headerLength) {
			super(maxPayload + headerLength, 0, headerLength, 0, headerLength, true);
		}

		@Override
		public @Nullable ByteBuf next(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
			return (ByteBuf) decode(ctx, in);
		}

	}

}
