package io.tcpgateway.server.config;

import io.tcpgateway.server.codec.LengthField;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code length-field} codec's settings of a listener; a named listener inherits each key on
 * its own. A frame is {@code offset + length + value + adjustment} bytes long.
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
 * @param start the bytes every frame starts with, in hex (such as {@code 68}), checked on every
 * frame and written before a reply's length field; required to strip a header that has bytes
 * before its length field
 */
public record LengthFieldProperties(@DefaultValue("0") int offset, @DefaultValue("2") int length,
		@DefaultValue("big") LengthField.Endian byteOrder, @DefaultValue("binary") LengthField.Encoding encoding,
		@DefaultValue("0") int adjustment, @Nullable Integer strip, @Nullable String start) {
}
