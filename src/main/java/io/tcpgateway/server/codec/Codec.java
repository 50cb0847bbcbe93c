package io.tcpgateway.server.codec;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.tcpgateway.server.view.PropertyValue;

/**
 * How messages are framed on the wire, both ways. Each codec turns bytes into one frame per
 * message with a Netty frame decoder bounded by the maximum message size, and frames a
 * reply the same way the request was framed.
 */
public enum Codec implements PropertyValue {

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

	/**
	 * A message ends at a NUL byte (0x00). Also accepted as {@code "null"} (quoted in YAML, where
	 * a bare {@code null} is no value at all).
	 */
	NUL(0, 1) {
		@Override
		ChannelHandler frameDecoder(int maxMessageSize) {
			return new DelimiterBasedFrameDecoder(maxMessageSize, true, true, delimiter(new byte[] { 0 }));
		}
	};

	static final byte STX = 0x02;

	static final byte ETX = 0x03;

	private static final String NUL_ALIAS = "null";

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

	/**
	 * Adds this codec's inbound framing to a connection's pipeline: frames of at most
	 * {@code maxMessageSize} payload bytes, framing stripped.
	 */
	public void addTo(ChannelPipeline pipeline, int maxMessageSize) {
		pipeline.addLast("frameDecoder", frameDecoder(maxMessageSize));
		if (this == STX_ETX) {
			pipeline.addLast("stxStripper", new StxStripper());
		}
	}

	/** The codec a property value names: {@code length-header-4}, or {@code "null"} for {@link #NUL}. */
	public static Codec fromPropertyValue(String value) {
		String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		if (normalized.equals(NUL_ALIAS)) {
			return NUL;
		}
		for (Codec codec : values()) {
			if (codec.propertyValue().equals(normalized)) {
				return codec;
			}
		}
		throw new IllegalArgumentException((value.isBlank() ? "an empty value (in YAML a bare null is no value: "
				+ "write nul or \"null\")" : "'" + value + "'") + " is not a codec; allowed values: " + allowedValues());
	}

	/** The property values, for messages: {@code lf, crlf, ..., nul (or "null")}. */
	public static String allowedValues() {
		StringBuilder values = new StringBuilder();
		for (Codec codec : values()) {
			values.append((values.length() > 0) ? ", " : "").append(codec.propertyValue());
		}
		return values.append(" (or \"" + NUL_ALIAS + "\")").toString();
	}

	/** The largest payload this framing can carry, whatever the configured maximum. */
	public int maxPayload() {
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
	public ByteBuf encode(ByteBufAllocator allocator, CharSequence text) {
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
			case NUL -> out.writeByte(0);
			default -> { }
		}
		return out;
	}

	private static ByteBuf delimiter(byte[] bytes) {
		return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
	}

}
