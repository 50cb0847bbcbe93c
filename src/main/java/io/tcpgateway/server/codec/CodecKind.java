package io.tcpgateway.server.codec;

import java.util.Locale;

import io.tcpgateway.server.view.PropertyValue;

/**
 * The framing a listener's {@code codec} property names. Most kinds are complete as they are
 * ({@link Codec#of}); {@link #LENGTH_FIELD}, {@link #FIXED_LENGTH} and {@link #DELIMITER} need
 * their own properties to make a {@link Codec}.
 */
public enum CodecKind implements PropertyValue {

	LF, CRLF, LENGTH_HEADER_1, LENGTH_HEADER_2, LENGTH_HEADER_4, STX_ETX, NUL, RAW, MLLP,

	/** A length field anywhere in a header: {@code length-field.*}. */
	LENGTH_FIELD(true),

	/** Every message exactly {@code fixed-length} bytes. */
	FIXED_LENGTH(true),

	/** A message ends at the {@code delimiter} bytes. */
	DELIMITER(true);

	private static final String NUL_ALIAS = "null";

	private final boolean parameterized;

	CodecKind() {
		this(false);
	}

	CodecKind(boolean parameterized) {
		this.parameterized = parameterized;
	}

	/** Whether this framing needs properties of its own beside {@code codec}. */
	public boolean parameterized() {
		return this.parameterized;
	}

	/** The kind a property value names: {@code length-header-4}, or {@code "null"} for {@link #NUL}. */
	public static CodecKind fromPropertyValue(String value) {
		String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		if (normalized.equals(NUL_ALIAS)) {
			return NUL;
		}
		for (CodecKind kind : values()) {
			if (kind.propertyValue().equals(normalized)) {
				return kind;
			}
		}
		throw new IllegalArgumentException((value.isBlank() ? "an empty value (in YAML a bare null is no value: "
				+ "write nul or \"null\")" : "'" + value + "'") + " is not a codec; allowed values: " + allowedValues());
	}

	/** The property values, for messages: {@code lf, crlf, ..., nul (or "null")}. */
	public static String allowedValues() {
		StringBuilder values = new StringBuilder();
		for (CodecKind kind : values()) {
			values.append((values.length() > 0) ? ", " : "").append(kind.propertyValue());
		}
		return values.append(" (or \"" + NUL_ALIAS + "\")").toString();
	}

}
