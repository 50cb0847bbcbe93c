package io.tcpgateway.server.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.tcpgateway.server.view.PropertyValue;

/**
 * How messages are framed on the wire, both ways. Each codec turns bytes into one frame per
 * message with a Netty frame decoder bounded by the maximum message size, and frames a
 * reply the same way the request was framed. Every codec but {@code lf} and {@code crlf}
 * carries any bytes.
 */
public enum Codec implements PropertyValue {

	/** A message ends at LF; one CR before it is stripped. Replies end with CRLF. */
	LF(bytes(), bytes(0x0D, 0x0A)) {
		@Override
		public Framer framer(int maxMessageSize) {
			return new LineFramer(maxMessageSize);
		}
	},

	/** A message ends at CRLF; a lone LF is part of the message. Replies end with CRLF. */
	CRLF(bytes(), bytes(0x0D, 0x0A)) {
		@Override
		public Framer framer(int maxMessageSize) {
			return Framers.delimited(maxMessageSize, delimiter(bytes(0x0D, 0x0A)));
		}
	},

	/** A one-byte unsigned length, then that many bytes. */
	LENGTH_HEADER_1(1),

	/** A two-byte unsigned big-endian length, then that many bytes. */
	LENGTH_HEADER_2(2),

	/** A four-byte unsigned big-endian length, then that many bytes. */
	LENGTH_HEADER_4(4),

	/** STX (0x02), the message, ETX (0x03). */
	STX_ETX(bytes(0x02), bytes(0x03)),

	/**
	 * A message ends at a NUL byte (0x00). Also accepted as {@code "null"} (quoted in YAML, where
	 * a bare {@code null} is no value at all).
	 */
	NUL(bytes(), bytes(0x00)),

	/**
	 * No framing: each chunk as it is read is one message (up to the maximum size), and replies
	 * are written as they are. Where a message ends is where a TCP read ended, not where the client
	 * meant it to: fit for one request per connection, or for request/reply in lockstep.
	 */
	RAW(bytes(), bytes()) {
		@Override
		public Framer framer(int maxMessageSize) {
			return Framers.raw(maxMessageSize);
		}
	},

	/** HL7's minimal lower layer protocol: VT (0x0B), the message, FS CR (0x1C 0x0D). */
	MLLP(bytes(0x0B), bytes(0x1C, 0x0D));

	private static final String NUL_ALIAS = "null";

	private final int lengthHeader;

	private final byte[] start;

	private final byte[] end;

	Codec(byte[] start, byte[] end) {
		this.lengthHeader = 0;
		this.start = start;
		this.end = end;
	}

	Codec(int lengthHeader) {
		this.lengthHeader = lengthHeader;
		this.start = bytes();
		this.end = bytes();
	}

	/**
	 * A new connection's framer: it cuts the inbound byte stream into message frames (the framing
	 * itself stripped), failing fast with a {@code TooLongFrameException} past
	 * {@code maxMessageSize} payload bytes.
	 */
	public Framer framer(int maxMessageSize) {
		if (this.lengthHeader > 0) {
			return Framers.lengthPrefixed(maxMessageSize, this.lengthHeader);
		}
		// a start byte stays in the frame cut at the end marker (+1) to be checked and dropped
		Framer delimited = Framers.delimited(maxMessageSize + this.start.length, delimiter(this.end));
		return (this.start.length > 0) ? Framers.startingWith(this.start[0], delimited) : delimited;
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
	 * Frames {@code text}, encoded with {@code charset}, for the wire.
	 * @throws ReplyTooLongException when it does not fit a length header of this codec
	 */
	public ByteBuf encode(ByteBufAllocator allocator, CharSequence text, Charset charset) {
		if (charset != StandardCharsets.UTF_8) {
			return encode(allocator, text.toString().getBytes(charset));
		}
		int length = ByteBufUtil.utf8Bytes(text);
		ByteBuf out = open(allocator, length);
		ByteBufUtil.reserveAndWriteUtf8(out, text, length);
		return out.writeBytes(this.end);
	}

	/** Frames {@code text} as UTF-8: the server's own replies. */
	public ByteBuf encode(ByteBufAllocator allocator, CharSequence text) {
		return encode(allocator, text, StandardCharsets.UTF_8);
	}

	/**
	 * Frames these bytes, as they are, for the wire.
	 * @throws ReplyTooLongException when they do not fit a length header of this codec
	 */
	public ByteBuf encode(ByteBufAllocator allocator, byte[] payload) {
		return open(allocator, payload.length).writeBytes(payload).writeBytes(this.end);
	}

	/** A buffer for a payload of {@code length} bytes, its header written. */
	private ByteBuf open(ByteBufAllocator allocator, int length) {
		if (length > maxPayload()) {
			throw new ReplyTooLongException(length, maxPayload());
		}
		ByteBuf out = allocator.buffer(this.lengthHeader + this.start.length + length + this.end.length);
		switch (this.lengthHeader) {
			case 1 -> out.writeByte(length);
			case 2 -> out.writeShort(length);
			case 4 -> out.writeInt(length);
			default -> out.writeBytes(this.start);
		}
		return out;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static ByteBuf delimiter(byte[] bytes) {
		return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
	}

}
