package io.tcpgateway.server.config;

import java.util.HexFormat;
import java.util.function.UnaryOperator;

import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.codec.LengthField;
import org.jspecify.annotations.Nullable;

/**
 * Makes a listener's {@link Codec} from its {@code codec} property and the properties of that
 * framing, validated: every error names the listener's own property and what it allows. A
 * framing's properties are ignored under another codec, so that a named listener can inherit
 * them and still choose its own codec.
 */
final class CodecResolver {

	/** The most bytes before a length field. */
	static final int MAX_OFFSET = 65535;

	/** The most bytes an adjustment adds to or takes from a length. */
	static final int MAX_ADJUSTMENT = 65535;

	private final UnaryOperator<String> names;

	/** @param names the listener's property for a key, such as {@code length-field.strip} */
	CodecResolver(UnaryOperator<String> names) {
		this.names = names;
	}

	Codec codec(ListenerProperties properties) {
		return switch (properties.codec()) {
			case LENGTH_FIELD -> lengthField(properties.lengthField());
			case FIXED_LENGTH -> Codec.fixedLength(fixedLength(properties.fixedLength()));
			case DELIMITER -> Codec.delimiter(delimiter(properties.delimiter()));
			default -> Codec.of(properties.codec());
		};
	}

	private int fixedLength(@Nullable Integer length) {
		if (length == null) {
			throw invalid("fixed-length", "is required when " + this.names.apply("codec")
					+ " is fixed-length: the size of every message in bytes");
		}
		if (length < 1) {
			throw invalid("fixed-length", "must be at least 1, was " + length);
		}
		return length;
	}

	private byte[] delimiter(@Nullable String hex) {
		if (hex == null || hex.isBlank()) {
			throw invalid("delimiter", "is required when " + this.names.apply("codec")
					+ " is delimiter: the bytes that end every message, in hex, such as 0d0a or 7e");
		}
		return hex("delimiter", hex);
	}

	private Codec lengthField(LengthFieldProperties field) {
		int offset = field.offset();
		if (offset < 0 || offset > MAX_OFFSET) {
			throw invalid("length-field.offset", "must be between 0 and " + MAX_OFFSET + ", was " + offset);
		}
		LengthField.Encoding encoding = field.encoding();
		if (!encoding.allows(field.length())) {
			throw invalid("length-field.length", "is " + field.length() + ", which a " + encoding.propertyValue()
					+ " length field cannot be; allowed: " + encoding.allowedLengths());
		}
		if (field.byteOrder() != LengthField.Endian.BIG && encoding != LengthField.Encoding.BINARY) {
			throw invalid("length-field.byte-order", "is " + field.byteOrder().propertyValue()
					+ ", which only a binary length field has (" + this.names.apply("length-field.encoding") + " is "
					+ encoding.propertyValue() + ": most significant digit first); remove it or set big");
		}
		String startHex = field.start();
		byte[] start = (startHex != null && !startHex.isBlank()) ? hex("length-field.start", startHex) : new byte[0];
		if (start.length > offset) {
			throw invalid("length-field.start", "is " + start.length + " bytes, more than "
					+ this.names.apply("length-field.offset") + " (" + offset
					+ "): the bytes every frame starts with come before its length field");
		}
		int header = offset + field.length();
		int strip = (field.strip() != null) ? field.strip() : header;
		if (strip != 0 && strip != header) {
			throw invalid("length-field.strip", "is " + strip + ", must be 0 (the service sees whole frames and "
					+ "writes whole replies) or " + header + " (offset + length: the service sees what follows the "
					+ "length field, and replies get the header)");
		}
		if (strip == header && start.length < offset) {
			throw invalid("length-field.strip", "is " + strip + ", which strips the " + offset + " bytes before the "
					+ "length field, and a reply's header can rebuild them only from "
					+ this.names.apply("length-field.start") + ": set it to the " + offset
					+ " bytes (hex) every frame starts with, or set strip to 0 so that the service sees and writes "
					+ "whole frames");
		}
		int adjustment = field.adjustment();
		if (adjustment < -MAX_ADJUSTMENT || adjustment > MAX_ADJUSTMENT) {
			throw invalid("length-field.adjustment", "must be between -" + MAX_ADJUSTMENT + " and " + MAX_ADJUSTMENT
					+ ", was " + adjustment);
		}
		// the value must be able to announce a message: one byte at least, or a bare header kept whole
		long least = ((strip > 0) ? 1 : 0) - encoding.maxValue(field.length());
		if (adjustment < least) {
			throw invalid("length-field.adjustment", "is " + adjustment + ", but a " + field.length() + "-"
					+ ((encoding == LengthField.Encoding.ASCII) ? "digit" : "byte") + " " + encoding.propertyValue()
					+ " length field holds at most " + encoding.maxValue(field.length())
					+ ", so no frame could carry a message; it must be at least " + least);
		}
		return Codec.lengthField(
				new LengthField(offset, field.length(), encoding, field.byteOrder(), adjustment, strip, start));
	}

	private byte[] hex(String key, String value) {
		byte[] bytes;
		try {
			bytes = HexFormat.of().parseHex(value.strip());
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length == 0) {
			throw invalid(key, "is '" + value + "', which is not bytes in hex: two hex digits a byte, such as 0d0a "
					+ "or 7e (in YAML, quote a value such as '00' that would read as a number)");
		}
		return bytes;
	}

	private InvalidSettingException invalid(String key, String problem) {
		return new InvalidSettingException(this.names.apply(key), problem);
	}

}
