package io.tcpgateway.server.codec;

import java.nio.ByteOrder;
import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Netty's {@link LengthFieldBasedFrameDecoder} reading the field in its {@link LengthField}
 * encoding and checking each frame's start bytes. A frame is refused as too long as soon as its
 * length field is read, before any of its body is buffered. After a corrupt frame, the rest of
 * the stream is dropped: no frame boundary after it can be trusted.
 */
class LengthFieldFrameDecoder extends LengthFieldBasedFrameDecoder implements Framer {

	/** A length beyond any frame, which no adjustment brings back into range nor overflows. */
	private static final long BEYOND_ANY_FRAME = Long.MAX_VALUE >> 1;

	private final LengthField field;

	private boolean corrupt;

	/** Frames of at most {@code maxMessageSize} bytes once stripped. */
	LengthFieldFrameDecoder(LengthField field, int maxMessageSize) {
		super(field.byteOrder().order(), maxMessageSize + field.strip(), field.offset(), field.length(),
				field.adjustment(), field.strip(), true);
		this.field = field;
	}

	@Override
	protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		if (this.corrupt) {
			in.skipBytes(in.readableBytes());
			return null;
		}
		try {
			return super.decode(ctx, in);
		}
		catch (CorruptedFrameException ex) {
			this.corrupt = true;
			in.skipBytes(in.readableBytes());
			throw ex;
		}
	}

	@Override
	protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
		byte[] start = this.field.start();
		int frameStart = offset - this.field.offset();
		for (int i = 0; i < start.length; i++) {
			if (buf.getByte(frameStart + i) != start[i]) {
				throw new CorruptedFrameException("frame does not start with " + HexFormat.of().formatHex(start));
			}
		}
		long value = this.field.encoding().read(buf, offset, length, order);
		// an 8-byte value past Long.MAX_VALUE is too long like any other, not negative
		return (value < 0 || value > BEYOND_ANY_FRAME) ? BEYOND_ANY_FRAME : value;
	}

	@Override
	public @Nullable ByteBuf next(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
		return (ByteBuf) decode(ctx, in);
	}

}
