package io.tcpgateway.server.config;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.tcpgateway.server.ListenerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The codec settings as startup binds and validates them: what each framing's properties make,
 * and every combination that cannot work failing with a message that names the listener's own
 * property and what it allows.
 */
class CodecSettingsTests {

	static Stream<Arguments> impossibleSettings() {
		return Stream.of(
				Arguments.of(List.of("codec=length-field", "length-field.offset=-1"),
						"tcp.server.length-field.offset must be between 0 and 65535, was -1"),
				Arguments.of(List.of("codec=length-field", "length-field.length=5"),
						"tcp.server.length-field.length is 5, which a binary length field cannot be; allowed: 1, 2, 3, 4 or 8 (bytes)"),
				Arguments.of(List.of("codec=length-field", "length-field.encoding=ascii", "length-field.length=9"),
						"tcp.server.length-field.length is 9, which a ascii length field cannot be; allowed: 1 to 8 (digits)"),
				Arguments.of(List.of("codec=length-field", "length-field.encoding=bcd", "length-field.length=0"),
						"tcp.server.length-field.length is 0, which a bcd length field cannot be; allowed: 1 to 8 (bytes of two digits)"),
				Arguments.of(List.of("codec=length-field", "length-field.encoding=ascii", "length-field.length=4",
						"length-field.byte-order=little"),
						"tcp.server.length-field.byte-order is little, which only a binary length field has "
								+ "(tcp.server.length-field.encoding is ascii: most significant digit first); remove it or set big"),
				Arguments.of(List.of("codec=length-field", "length-field.offset=1", "length-field.start=6x"),
						"tcp.server.length-field.start is '6x', which is not bytes in hex: two hex digits a byte, such as 0d0a or 7e"),
				Arguments.of(List.of("codec=length-field", "length-field.offset=1", "length-field.start=6868"),
						"tcp.server.length-field.start is 2 bytes, more than tcp.server.length-field.offset (1): the bytes "
								+ "every frame starts with come before its length field"),
				Arguments.of(List.of("codec=length-field", "length-field.strip=1"),
						"tcp.server.length-field.strip is 1, must be 0 (the service sees whole frames and writes whole "
								+ "replies) or 2 (offset + length: the service sees what follows the length field, and "
								+ "replies get the header)"),
				Arguments.of(List.of("codec=length-field", "length-field.strip=-2"), "tcp.server.length-field.strip is -2, must be 0"),
				Arguments.of(List.of("codec=length-field", "length-field.offset=4"),
						"tcp.server.length-field.strip is 6, which strips the 4 bytes before the length field, and a "
								+ "reply's header can rebuild them only from tcp.server.length-field.start: set it to the 4 "
								+ "bytes (hex) every frame starts with, or set strip to 0 so that the service sees and writes "
								+ "whole frames"),
				Arguments.of(List.of("codec=length-field", "length-field.length=1", "length-field.adjustment=-300"),
						"tcp.server.length-field.adjustment is -300, but a 1-byte binary length field holds at most 255, "
								+ "so no frame could carry a message; it must be at least -254"),
				Arguments.of(List.of("codec=length-field", "length-field.encoding=ascii", "length-field.length=1",
						"length-field.adjustment=-10", "length-field.strip=0"),
						"tcp.server.length-field.adjustment is -10, but a 1-digit ascii length field holds at most 9, so no "
								+ "frame could carry a message; it must be at least -9"),
				Arguments.of(List.of("codec=length-field", "length-field.adjustment=2147483647"),
						"tcp.server.length-field.adjustment must be between -65535 and 65535, was 2147483647"),
				// the field's largest value cannot reach the size asked for
				Arguments.of(List.of("codec=length-field", "length-field.encoding=ascii", "length-field.length=2",
						"max-message-size=100"),
						"tcp.server.max-message-size is 100, more than tcp.server.codec=length-field can frame (at most 99 "
								+ "bytes); lower it or choose a framing that carries more"),
				// a whole frame holds its header
				Arguments.of(List.of("codec=length-field", "length-field.offset=4", "length-field.strip=0", "max-message-size=5"),
						"tcp.server.max-message-size is 5, less than the smallest message tcp.server.codec=length-field "
								+ "frames (6 bytes); raise it or leave it unset"),
				Arguments.of(List.of("codec=fixed-length"),
						"tcp.server.fixed-length is required when tcp.server.codec is fixed-length: the size of every message in bytes"),
				Arguments.of(List.of("codec=fixed-length", "fixed-length=0"), "tcp.server.fixed-length must be at least 1, was 0"),
				Arguments.of(List.of("codec=fixed-length", "fixed-length=16", "max-message-size=8"),
						"tcp.server.max-message-size is 8, less than the smallest message tcp.server.codec=fixed-length frames (16 bytes)"),
				Arguments.of(List.of("codec=fixed-length", "fixed-length=4", "greeting=220 ready"),
						"tcp.server.greeting cannot be sent on tcp.server.codec=fixed-length: reply of 9 bytes is longer "
								+ "than the codec frames (max 4 bytes)"),
				Arguments.of(List.of("codec=delimiter"),
						"tcp.server.delimiter is required when tcp.server.codec is delimiter: the bytes that end every "
								+ "message, in hex, such as 0d0a or 7e"),
				Arguments.of(List.of("codec=delimiter", "delimiter=0d0"), "tcp.server.delimiter is '0d0', which is not bytes in hex"),
				Arguments.of(List.of("codec=delimiter", "delimiter=0x7e"), "tcp.server.delimiter is '0x7e', which is not bytes in hex"),
				Arguments.of(List.of("listeners.edge.port=0", "listeners.edge.codec=length-field",
						"listeners.edge.length-field.strip=3"),
						"tcp.server.listeners.edge.length-field.strip is 3, must be 0"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("impossibleSettings")
	void anImpossibleSettingFailsNamingItsProperty(List<String> settings, String message) {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> resolve(settings))
			.withMessageStartingWith(message)
			.satisfies((ex) -> assertThat(message).startsWith(ex.property() + " "));
	}

	@Test
	void anUnknownEncodingOrByteOrderFailsBindingNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> resolve(List.of("codec=length-field", "length-field.encoding=ebcdic")))
			.withMessageContaining("tcp.server.length-field.encoding");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> resolve(List.of("codec=length-field", "length-field.byte-order=middle")))
			.withMessageContaining("tcp.server.length-field.byte-order");
	}

	@Test
	void aLengthFieldAloneIsATwoByteBigEndianLengthHeader() {
		ListenerSettings listener = resolve(List.of("codec=length-field")).get(0);
		assertThat(listener.codec().propertyValue()).isEqualTo("length-field");
		assertThat(listener.maxMessageSize()).isEqualTo(65535);
		assertThat(framed(listener, "PING")).isEqualTo("0004" + hex("PING"));
	}

	@Test
	void anAsciiFieldThatCouldAnnounceMoreThanTheMaximumIsFineTheMaximumRefusesIt() {
		ListenerSettings listener = resolve(List.of("codec=length-field", "length-field.encoding=ascii",
				"length-field.length=8", "max-message-size=1024")).get(0);
		assertThat(listener.maxMessageSize()).isEqualTo(1024);
		assertThat(framed(listener, "PING")).isEqualTo(hex("00000004PING"));
	}

	@Test
	void aStrippedHeaderWithBytesBeforeTheLengthIsRebuiltFromTheStartBytes() {
		ListenerSettings tpkt = resolve(List.of("codec=length-field", "length-field.offset=2", "length-field.start=0300",
				"length-field.adjustment=-4")).get(0);
		assertThat(framed(tpkt, "PING")).isEqualTo("03000008" + hex("PING"));
		ListenerSettings modbus = resolve(List.of("codec=length-field", "length-field.offset=4", "length-field.strip=0",
				"max-message-size=260")).get(0);
		assertThat(framed(modbus, "PING")).isEqualTo(hex("PING"));
	}

	@Test
	void fixedLengthAndDelimiterFrameAsSet() {
		ListenerSettings fixed = resolve(List.of("codec=fixed-length", "fixed-length=6")).get(0);
		assertThat(fixed.maxMessageSize()).isEqualTo(6);
		assertThat(framed(fixed, "PING")).isEqualTo(hex("PING") + "0000");
		ListenerSettings delimiter = resolve(List.of("codec=delimiter", "delimiter=0D0A7E")).get(0);
		assertThat(framed(delimiter, "PING")).isEqualTo(hex("PING") + "0d0a7e");
	}

	@Test
	void aNamedListenerInheritsTheFramingKeysOneByOneAndIgnoresThoseOfAnotherCodec() {
		List<ListenerSettings> listeners = resolve(List.of("codec=length-field", "length-field.encoding=ascii",
				"length-field.length=4", "delimiter=zz", "listeners.edge.port=0", "listeners.edge.length-field.length=6",
				"listeners.lines.port=0", "listeners.lines.codec=lf"));
		assertThat(framed(listeners.get(0), "PING")).isEqualTo(hex("0004PING"));
		assertThat(framed(listeners.get(1), "PING")).isEqualTo(hex("000004PING"));
		assertThat(framed(listeners.get(2), "PING")).isEqualTo(hex("PING\r\n"));
	}

	/** The listeners as startup makes them from these {@code tcp.server.*} settings. */
	private static List<ListenerSettings> resolve(List<String> settings) {
		return BoundSettings.of(settings.stream().map((setting) -> "tcp.server." + setting).toArray(String[]::new))
			.listeners();
	}

	private static String framed(ListenerSettings listener, String text) {
		ByteBuf framed = listener.codec().encode(ByteBufAllocator.DEFAULT, text, StandardCharsets.UTF_8);
		try {
			return HexFormat.of().formatHex(ByteBufUtil.getBytes(framed));
		}
		finally {
			framed.release();
		}
	}

	private static String hex(String text) {
		return HexFormat.of().formatHex(text.getBytes(StandardCharsets.US_ASCII));
	}

}
