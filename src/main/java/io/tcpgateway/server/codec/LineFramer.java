package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code lf} codec's framing: a line ends at LF, and one CR before it is stripped; a line
 * that had none is handed on as a {@link BareLine}, so that its replies end the same way. A line
 * longer than the maximum fails as soon as that is certain, by throwing (Netty's line decoder
 * reports it beside the stream, which would let the frames after it through). Remembers how far
 * it has searched, so a line arriving in pieces is scanned once.
 */
final class LineFramer implements Framer {

	private final int maxLength;

	private int searched;

	LineFramer(int maxLength) {
		this.maxLength = maxLength;
	}

	@Override
	public @Nullable Object next(ChannelHandlerContext ctx, ByteBuf in) {
		int start = in.readerIndex();
		int end = in.indexOf(start + this.searched, in.writerIndex(), (byte) '\n');
		if (end < 0) {
			this.searched = in.readableBytes();
			// one byte more than the maximum may be the CR of a line whose LF is still on its way
			if (this.searched > this.maxLength + 1) {
				throw tooLong("over " + this.maxLength);
			}
			return null;
		}
		this.searched = 0;
		int length = end - start;
		boolean cr = length > 0 && in.getByte(end - 1) == '\r';
		int content = cr ? length - 1 : length;
		if (content > this.maxLength) {
			throw tooLong(String.valueOf(content));
		}
		ByteBuf line = in.readRetainedSlice(content);
		in.skipBytes(cr ? 2 : 1);
		return cr ? line : new BareLine(line);
	}

	private TooLongFrameException tooLong(String length) {
		return new TooLongFrameException("frame length (" + length + ") exceeds the allowed maximum (" + this.maxLength + ")");
	}

}
