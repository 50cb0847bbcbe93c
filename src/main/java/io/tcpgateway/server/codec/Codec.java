package io.tcpgateway.server.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * How messages are framed on the wire, both ways: a {@link CodecKind} with its parameters. Each
 * codec gives every connection a {@link Framer} that cuts the inbound bytes into one frame per
 * message, bounded by the maximum message size, and frames a reply so that a client of the same
 * framing reads it. Every codec but {@code lf} and {@code crlf} carries any bytes.
 */
public abstract class Codec {

	/** The longest frame in bytes, framing included: about the largest array a JVM allocates. */
	static final int LARGEST_FRAME = Integer.MAX_VALUE - 8;

	/** A message ends at LF; one CR before it is stripped. Replies end with CRLF. */
	public static final Codec LF = new DelimitedCodec(CodecKind.LF, bytes(), bytes(0x0D, 0x0A), LineFramer::new);

	/** As {@link #LF}, but replies end with LF alone: the replies to a line that ended with a bare LF. */
	static final Codec LF_REPLYING_LF = new DelimitedCodec(CodecKind.LF, bytes(), bytes(0x0A), LineFramer::new);

	/** A message ends at CRLF; a lone LF is part of the message. Replies end with CRLF. */
	public static final Codec CRLF = new DelimitedCodec(CodecKind.CRLF, bytes(), bytes(0x0D, 0x0A));

	/** A one-byte unsigned length, then that many bytes. */
	public static final Codec LENGTH_HEADER_1 = new LengthFieldCodec(CodecKind.LENGTH_HEADER_1, LengthField.header(1));

	/** A two-byte unsigned big-endian length, then that many bytes. */
	public static final Codec LENGTH_HEADER_2 = new LengthFieldCodec(CodecKind.LENGTH_HEADER_2, LengthField.header(2));

	/** A four-byte unsigned big-endian length, then that many bytes. */
	public static final Codec LENGTH_HEADER_4 = new LengthFieldCodec(CodecKind.LENGTH_HEADER_4, LengthField.header(4));

	/** STX (0x02), the message, ETX (0x03). */
	public static final Codec STX_ETX = new DelimitedCodec(CodecKind.STX_ETX, bytes(0x02), bytes(0x03));

	/**
	 * A message ends at a NUL byte (0x00). Also accepted as {@code "null"} (quoted in YAML, where
	 * a bare {@code null} is no value at all).
	 */
	public static final Codec NUL = new DelimitedCodec(CodecKind.NUL, bytes(), bytes(0x00));

	/**
	 * No framing: each chunk as it is read is one message (up to the maximum size), and replies
	 * are written as they are. Where a message ends is where a TCP read ended, not where the client
	 * meant it to: fit for one request per connection, or for request/reply in lockstep.
	 */
	public static final Codec RAW = new DelimitedCodec(CodecKind.RAW, bytes(), bytes(), Framers::raw);

	/** HL7's minimal lower layer protocol: VT (0x0B), the message, FS CR (0x1C 0x0D). */
	public static final Codec MLLP = new DelimitedCodec(CodecKind.MLLP, bytes(0x0B), bytes(0x1C, 0x0D));

	private final CodecKind kind;

	Codec(CodecKind kind) {
		this.kind = kind;
	}

	/** The codec of a kind that needs no parameters, such as {@link CodecKind#LF}. */
	public static Codec of(CodecKind kind) {
		return switch (kind) {
			case LF -> LF;
			case CRLF -> CRLF;
			case LENGTH_HEADER_1 -> LENGTH_HEADER_1;
			case LENGTH_HEADER_2 -> LENGTH_HEADER_2;
			case LENGTH_HEADER_4 -> LENGTH_HEADER_4;
			case STX_ETX -> STX_ETX;
			case NUL -> NUL;
			case RAW -> RAW;
			case MLLP -> MLLP;
			case LENGTH_FIELD, FIXED_LENGTH, DELIMITER ->
				throw new IllegalArgumentException(kind.propertyValue() + " needs its parameters");
		};
	}

	/** Frames with a length field described by {@code field} ({@code codec=length-field}). */
	public static Codec lengthField(LengthField field) {
		return new LengthFieldCodec(CodecKind.LENGTH_FIELD, field);
	}

	/** Frames of exactly {@code length} bytes; shorter replies are padded with NUL bytes. */
	public static Codec fixedLength(int length) {
		return new FixedLengthCodec(length);
	}

	/** A message, then the {@code delimiter} bytes. */
	public static Codec delimiter(byte[] delimiter) {
		return new DelimitedCodec(CodecKind.DELIMITER, bytes(), delimiter.clone());
	}

	public CodecKind kind() {
		return this.kind;
	}

	/** The {@code codec} property value, such as {@code length-field}. */
	public String propertyValue() {
		return this.kind.propertyValue();
	}

	/**
	 * A new connection's framer: it cuts the inbound byte stream into message frames of at most
	 * {@code maxMessageSize} bytes, failing with a {@code TooLongFrameException} as soon as a
	 * frame is known to be longer, and with another {@code DecoderException} for a frame it cannot
	 * parse.
	 */
	public abstract Framer framer(int maxMessageSize);

	/**
	 * How replies to a {@link BareLine} are framed, and how all replies are with
	 * {@code line-ending: lf}: for {@code lf}, ending with LF alone; any other codec frames its
	 * replies one way.
	 */
	public Codec endingWithBareLf() {
		return (this.kind == CodecKind.LF) ? LF_REPLYING_LF : this;
	}

	/** The largest message this framing carries, whatever the configured maximum. */
	public abstract int maxPayload();

	/** The smallest message a frame of this framing hands over. */
	public int minPayload() {
		return 0;
	}

	/** The shortest reply this framing can frame. */
	int minReply() {
		return 0;
	}

	/**
	 * Frames {@code text}, encoded with {@code charset}, for the wire.
	 * @throws ReplyTooLongException when this codec cannot frame it
	 */
	public ByteBuf encode(ByteBufAllocator allocator, CharSequence text, Charset charset) {
		if (charset != StandardCharsets.UTF_8) {
			return encode(allocator, text.toString().getBytes(charset));
		}
		int length = ByteBufUtil.utf8Bytes(text);
		ByteBuf out = open(allocator, length);
		ByteBufUtil.reserveAndWriteUtf8(out, text, length);
		writeTrailer(out, length);
		return out;
	}

	/**
	 * Frames {@code text} as UTF-8: the server's own replies ({@code ERR ...}), which go out on
	 * any framing: cut to the longest reply it frames, padded with NUL bytes to the shortest.
	 */
	public ByteBuf encode(ByteBufAllocator allocator, CharSequence text) {
		int length = ByteBufUtil.utf8Bytes(text);
		if (length >= minReply() && length <= maxPayload()) {
			return encode(allocator, text, StandardCharsets.UTF_8);
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		return encode(allocator, Arrays.copyOf(bytes, Math.max(minReply(), Math.min(length, maxPayload()))));
	}

	/**
	 * Frames these bytes, as they are, for the wire.
	 * @throws ReplyTooLongException when this codec cannot frame them
	 */
	public ByteBuf encode(ByteBufAllocator allocator, byte[] payload) {
		ByteBuf out = open(allocator, payload.length).writeBytes(payload);
		writeTrailer(out, payload.length);
		return out;
	}

	/** A buffer for a reply of {@code length} bytes, the framing before it written. */
	private ByteBuf open(ByteBufAllocator allocator, int length) {
		if (length > maxPayload()) {
			throw new ReplyTooLongException(length, maxPayload());
		}
		if (length < minReply()) {
			throw ReplyTooLongException.tooShort(length, minReply());
		}
		ByteBuf out = allocator.buffer(framedLength(length));
		writeHeader(out, length);
		return out;
	}

	/** The length on the wire of a reply of {@code length} bytes. */
	abstract int framedLength(int length);

	/** Writes what goes before a reply of {@code length} bytes. */
	abstract void writeHeader(ByteBuf out, int length);

	/** Writes what goes after a reply of {@code length} bytes. */
	abstract void writeTrailer(ByteBuf out, int length);

	@Override
	public String toString() {
		return propertyValue();
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
