package io.tcpgateway.server.codec;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.tcpgateway.server.view.PropertyValue;

/**
 * Where a frame's length field is and what it counts, in the terms of Netty's
 * {@code LengthFieldBasedFrameDecoder}, plus how the field is written and the bytes every frame
 * starts with. The configuration validates the combination; a frame is
 * {@code offset + length + value + adjustment} bytes long.
 *
 * @param offset where the length field starts in the frame
 * @param length the field's size: bytes, or digits for {@link Encoding#ASCII}
 * @param encoding how the field's value is written
 * @param byteOrder the order of a binary field's bytes
 * @param adjustment added to the field's value to get the number of bytes after the field:
 * negative when the value counts the header too, positive when bytes it does not count follow
 * @param strip 0: the message is the whole frame, and a reply is written as it is (a whole
 * frame); or {@code offset + length}: the message is what follows the length field, and a reply
 * gets the header, {@code start} then the length field
 * @param start the bytes every frame starts with, checked on each frame; empty for none
 */
public record LengthField(int offset, int length, Encoding encoding, Endian byteOrder, int adjustment, int strip,
		byte[] start) {

	/** The length-header codecs' field: {@code length} bytes, big-endian, at offset 0, stripped. */
	static LengthField header(int length) {
		return new LengthField(0, length, Encoding.BINARY, Endian.BIG, 0, length, new byte[0]);
	}

	/** The bytes up to the end of the length field. */
	public int headerLength() {
		return this.offset + this.length;
	}

	/** Whether messages come without their header, and replies get one. */
	public boolean stripsHeader() {
		return this.strip > 0;
	}

	/** The largest value the field holds. */
	public long maxValue() {
		return this.encoding.maxValue(this.length);
	}

	/** How a length field's value is written. */
	public enum Encoding implements PropertyValue {

		/** An unsigned binary number of 1, 2, 3, 4 or 8 bytes. */
		BINARY("1, 2, 3, 4 or 8 (bytes)") {
			@Override
			public boolean allows(int length) {
				return length >= 1 && length <= 4 || length == 8;
			}

			@Override
			public long maxValue(int length) {
				return (length == 8) ? Long.MAX_VALUE : (1L << (8 * length)) - 1;
			}

			@Override
			long read(ByteBuf buf, int index, int length, ByteOrder order) {
				long value = 0;
				for (int i = 0; i < length; i++) {
					value |= (long) buf.getUnsignedByte(index + i) << shift(i, length, order);
				}
				return value;
			}

			@Override
			void write(ByteBuf out, long value, int length, ByteOrder order) {
				for (int i = 0; i < length; i++) {
					out.writeByte((int) (value >>> shift(i, length, order)));
				}
			}
		},

		/** Decimal digits in ASCII, most significant first, zero-padded: {@code 0042}. */
		ASCII("1 to 8 (digits)") {
			@Override
			long read(ByteBuf buf, int index, int length, ByteOrder order) {
				long value = 0;
				for (int i = 0; i < length; i++) {
					int digit = buf.getUnsignedByte(index + i) - '0';
					if (digit < 0 || digit > 9) {
						throw new CorruptedFrameException("length field is not " + length + " ASCII digits");
					}
					value = value * 10 + digit;
				}
				return value;
			}

			@Override
			void write(ByteBuf out, long value, int length, ByteOrder order) {
				String digits = Long.toString(value);
				for (int i = digits.length(); i < length; i++) {
					out.writeByte('0');
				}
				out.writeCharSequence(digits, StandardCharsets.US_ASCII);
			}
		},

		/** Packed binary-coded decimal, two digits a byte, most significant first: {@code 0x00 0x42}. */
		BCD("1 to 8 (bytes of two digits)") {
			@Override
			public long maxValue(int length) {
				return nines(2 * length);
			}

			@Override
			long read(ByteBuf buf, int index, int length, ByteOrder order) {
				long value = 0;
				for (int i = 0; i < length; i++) {
					int pair = buf.getUnsignedByte(index + i);
					if ((pair >> 4) > 9 || (pair & 0x0F) > 9) {
						throw new CorruptedFrameException("length field is not " + length + " bytes of BCD digits");
					}
					value = value * 100 + (pair >> 4) * 10 + (pair & 0x0F);
				}
				return value;
			}

			@Override
			void write(ByteBuf out, long value, int length, ByteOrder order) {
				byte[] pairs = new byte[length];
				for (int i = length - 1; i >= 0; i--, value /= 100) {
					pairs[i] = (byte) ((value / 10 % 10) << 4 | value % 10);
				}
				out.writeBytes(pairs);
			}
		};

		private final String allowedLengths;

		Encoding(String allowedLengths) {
			this.allowedLengths = allowedLengths;
		}

		/** Whether a field of this encoding can be {@code length} long. */
		public boolean allows(int length) {
			return length >= 1 && length <= 8;
		}

		/** The lengths {@link #allows} takes, for messages. */
		public String allowedLengths() {
			return this.allowedLengths;
		}

		/** The largest value a field of {@code length} holds. */
		public long maxValue(int length) {
			return nines(length);
		}

		/** Where the {@code i}th byte of a binary field goes in its value. */
		private static int shift(int i, int length, ByteOrder order) {
			return 8 * ((order == ByteOrder.LITTLE_ENDIAN) ? i : length - 1 - i);
		}

		/** 10^digits - 1. */
		private static long nines(int digits) {
			long max = 1;
			for (int i = 0; i < digits; i++) {
				max *= 10;
			}
			return max - 1;
		}

		/**
		 * The value of the field at {@code index}; negative for an 8-byte binary one beyond
		 * {@link Long#MAX_VALUE}.
		 * @throws CorruptedFrameException when the field is not written in this encoding
		 */
		abstract long read(ByteBuf buf, int index, int length, ByteOrder order);

		/** Writes {@code value}, which the field holds, as a field of {@code length}. */
		abstract void write(ByteBuf out, long value, int length, ByteOrder order);

	}

	/** The order of a binary length field's bytes. */
	public enum Endian implements PropertyValue {

		BIG(ByteOrder.BIG_ENDIAN), LITTLE(ByteOrder.LITTLE_ENDIAN);

		private final ByteOrder order;

		Endian(ByteOrder order) {
			this.order = order;
		}

		public ByteOrder order() {
			return this.order;
		}

	}

}
