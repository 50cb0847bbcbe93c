package io.tcpgateway.server;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * How messages are framed on the wire, both ways. Each codec turns bytes into one frame per
 * message with a Netty frame decoder bounded by the maximum message size, and frames a
 * reply the same way the request was framed.
 */
public enum Codec {

	/** A message ends at LF; one CR before it is stripped. Replies end with CRLF. */
	LF(0, 2) {
		@Override
		ChannelHandler frameDecoder(int maxMessageSize) {
			return new LineBasedFrameDecoder(maxMessageSize, true, true);
		}
	},

	/** A message ends at CRLF; a lone LF is part of the message. Replies end with CRLF. */
	CRLF(0, 2) {
		@Override
		ChannelHandler frameDecoder(int maxMessageSize) {
			return new DelimiterBasedFrameDecoder(maxMessageSize, true, true, delimiter(CR_LF));
		}
	},

	/** A one-byte unsigned length, then that many bytes. */
	LENGTH_HEADER_1(1, 0),

	/** A two-byte unsigned big-endian length, then that many bytes. */
	LENGTH_HEADER_2(2, 0),

	/** A four-byte unsigned big-endian length, then that many bytes. */
	LENGTH_HEADER_4(4, 0),

	/** STX (0x02), the message, ETX (0x03). */
	STX_ETX(1, 1) {
		@Override
		ChannelHandler frameDecoder(int maxMessageSize) {
			// the STX stays in the frame (+1) for StxStripper to check and drop
			return new DelimiterBasedFrameDecoder(maxMessageSize + 1, true, true, delimiter(new byte[] { ETX }));
		}
	},

	/** A message ends at a NUL byte (0x00). */
	NULL(0, 1) {
		@Override
		ChannelHandler frameDecoder(int maxMessageSize) {
			return new DelimiterBasedFrameDecoder(maxMessageSize, true, true, delimiter(new byte[] { 0 }));
		}
	};

	static final byte STX = 0x02;

	static final byte ETX = 0x03;

	private static final byte[] CR_LF = "\r\n".getBytes(StandardCharsets.US_ASCII);

	private final int headerLength;

	private final int trailerLength;

	Codec(int headerLength, int trailerLength) {
		this.headerLength = headerLength;
		this.trailerLength = trailerLength;
	}

	/**
	 * The decoder that cuts the inbound byte stream into message frames (the framing itself
	 * stripped), failing fast with a {@code TooLongFrameException} past {@code maxMessageSize}.
	 */
	ChannelHandler frameDecoder(int maxMessageSize) {
		return new LengthFieldBasedFrameDecoder(maxMessageSize + this.headerLength, 0, this.headerLength, 0,
				this.headerLength, true);
	}

	/** Whether this codec's framing needs a check after the frame decoder. */
	boolean needsStxCheck() {
		return this == STX_ETX;
	}

	/** The largest payload this framing can carry, whatever the configured maximum. */
	int maxPayload() {
		return switch (this) {
			case LENGTH_HEADER_1 -> 0xFF;
			case LENGTH_HEADER_2 -> 0xFFFF;
			default -> Integer.MAX_VALUE - 8;
		};
	}

	/**
	 * Frames {@code text} as UTF-8 for the wire.
	 * @throws ReplyTooLongException when the text does not fit a length header of this codec
	 */
	ByteBuf encode(ByteBufAllocator allocator, CharSequence text) {
		int length = ByteBufUtil.utf8Bytes(text);
		if (length > maxPayload()) {
			throw new ReplyTooLongException(length, maxPayload());
		}
		ByteBuf out = allocator.buffer(this.headerLength + length + this.trailerLength);
		switch (this) {
			case LENGTH_HEADER_1 -> out.writeByte(length);
			case LENGTH_HEADER_2 -> out.writeShort(length);
			case LENGTH_HEADER_4 -> out.writeInt(length);
			case STX_ETX -> out.writeByte(STX);
			default -> { }
		}
		ByteBufUtil.reserveAndWriteUtf8(out, text, length);
		switch (this) {
			case LF, CRLF -> out.writeShort(('\r' << 8) | '\n');
			case STX_ETX -> out.writeByte(ETX);
			case NULL -> out.writeByte(0);
			default -> { }
		}
		return out;
	}

	/** The name used in properties, logs and metrics tags: {@code length-header-4}. */
	public String propertyValue() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	private static ByteBuf delimiter(byte[] bytes) {
		return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
	}

}
