package io.tcpgateway.server.config;

import io.tcpgateway.server.codec.LengthField;
import org.jspecify.annotations.Nullable;

/**
 * The {@code length-field} codec's settings of a listener, as written ({@code null} when unset); a
 * named listener inherits each key on its own (see {@link ListenerProperties#inheriting}). A frame
 * is {@code offset + length + value + adjustment} bytes long.
 *
 * @param offset where the length field starts in the frame
 * @param length the field's size: 1, 2, 3, 4 or 8 bytes binary, 1 to 8 ASCII digits, 1 to 8 BCD
 * bytes
 * @param byteOrder big or little: the order of a binary field's bytes
 * @param encoding binary, ascii (decimal digits) or bcd (packed, two digits a byte)
 * @param adjustment added to the field's value to get the number of bytes after the field:
 * negative when the value counts the header too, positive when bytes it does not count follow
 * @param strip 0 (the service sees whole frames and writes whole replies) or offset + length
 * (the default: the service sees what follows the length field, and replies get the header)
 * @param start the bytes every frame starts with, in hex (such as 68), checked on every
 * frame and written before a reply's length field; required to strip a header that has bytes
 * before its length field
 */
public record LengthFieldProperties(@Nullable Integer offset, @Nullable Integer length,
		LengthField.@Nullable Endian byteOrder, LengthField.@Nullable Encoding encoding, @Nullable Integer adjustment,
		@Nullable Integer strip, @Nullable String start) {

	/** What a key set nowhere means: a 2-byte big-endian binary length at offset 0, counting the body. */
	static final LengthFieldProperties DEFAULTS = new LengthFieldProperties(0, 2, LengthField.Endian.BIG,
			LengthField.Encoding.BINARY, 0, null, null);

	/** These settings, with each key left unset taken from {@code parent}. */
	LengthFieldProperties inheriting(LengthFieldProperties parent) {
		return new LengthFieldProperties(ListenerProperties.or(this.offset, parent.offset),
				ListenerProperties.or(this.length, parent.length), ListenerProperties.or(this.byteOrder, parent.byteOrder),
				ListenerProperties.or(this.encoding, parent.encoding),
				ListenerProperties.or(this.adjustment, parent.adjustment), ListenerProperties.or(this.strip, parent.strip),
				ListenerProperties.or(this.start, parent.start));
	}

}
