package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.tcpgateway.server.codec.LengthField.Encoding;
import io.tcpgateway.server.codec.LengthField.Endian;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.Framing;
import io.tcpgateway.support.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code length-field} codec, both ways: the protocols README lists frame as their clients
 * write them, and every combination of offset, length, encoding, byte order, adjustment, strip
 * and start bytes round-trips seeded random messages cut at random points. A frame is built here
 * independently of the codec, so a test checks the wire format rather than the codec against
 * itself.
 */
@ExtendWith(SeededRandom.class)
class LengthFieldCodecTests {

	static Stream<Arguments> protocols() {
		return Stream.of(
				// Modbus TCP: MBAP transaction 0001, protocol 0000, length 0006 (unit id + PDU), then
				// read holding registers; the service sees and writes whole ADUs
				Arguments.of("modbus-tcp", field(4, 2, Encoding.BINARY, 0, 0, ""),
						"0001 0000 0006 01 03 0000 0001", "0001 0000 0006 01 03 0000 0001",
						"0001 0000 0005 01 03 02 002a", "0001 0000 0005 01 03 02 002a"),
				Arguments.of("iso8583-binary", field(0, 2, Encoding.BINARY, 0, 2, ""),
						"0004 30383030", "30383030", "30383130", "0004 30383130"),
				Arguments.of("iso8583-ascii", field(0, 4, Encoding.ASCII, 0, 4, ""),
						"30303034 30383030", "30383030", "30383130", "30303034 30383130"),
				// TPKT counts its 4-byte header; the service sees the COTP data TPDU
				Arguments.of("tpkt", field(2, 2, Encoding.BINARY, -4, 4, "0300"),
						"0300 0007 02f080", "02f080", "02f080 32", "0300 0008 02f08032"),
				// IEC 60870-5-104: STARTDT act answered STARTDT con
				Arguments.of("iec-104", field(1, 1, Encoding.BINARY, 0, 2, "68"),
						"68 04 07000000", "07000000", "0b000000", "68 04 0b000000"),
				// a GT06 login: 7878, a length counting protocol to CRC, then the stop bytes it
				// does not count; the service checks the CRC and writes it with the stop bytes
				Arguments.of("gt06", field(2, 1, Encoding.BINARY, 2, 0, "7878"),
						"7878 0d 01 0123456789012345 0001 8cdd 0d0a", "7878 0d 01 0123456789012345 0001 8cdd 0d0a",
						"7878 05 01 0001 d9dc 0d0a", "7878 05 01 0001 d9dc 0d0a"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("protocols")
	void protocolsFrameAsTheirClientsWriteThem(String protocol, LengthField field, String request, String message,
			String reply, String wire) {
		Codec codec = Codec.lengthField(field);
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), codec, 1000);
		channel.writeInbound(EmbeddedConnection.bytes(hex(request)));
		assertThat(LengthFieldFrameDecoderTests.frame(channel)).isEqualTo(hex(message));
		assertThat(bytes(codec.encode(ByteBufAllocator.DEFAULT, hex(reply)))).isEqualTo(hex(wire));
	}

	/** Every encoding with every length it allows, in each byte order it has. */
	static Stream<Arguments> fieldShapes() {
		List<Arguments> shapes = new ArrayList<>();
		for (Encoding encoding : Encoding.values()) {
			for (int length = 1; length <= 8; length++) {
				if (encoding.allows(length)) {
					shapes.add(Arguments.of(encoding, length, Endian.BIG));
					if (encoding == Encoding.BINARY) {
						shapes.add(Arguments.of(encoding, length, Endian.LITTLE));
					}
				}
			}
		}
		return shapes.stream();
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("fieldShapes")
	void everyCombinationRoundTripsRandomMessagesCutAtRandomPoints(Encoding encoding, int length, Endian order,
			Random random) {
		for (int offset : new int[] { 0, 3 }) {
			for (int adjustment : new int[] { -(offset + length), 0, 2 }) {
				for (int startLength : new int[] { 0, 1, offset }) {
					for (boolean strip : new boolean[] { false, true }) {
						byte[] start = new byte[Math.min(startLength, offset)];
						random.nextBytes(start);
						LengthField field = new LengthField(offset, length, encoding, order, adjustment,
								strip ? offset + length : 0, start);
						if (strip && start.length < offset) {
							continue;
						}
						Codec codec = Codec.lengthField(field);
						if (codec.maxPayload() < Math.max(1, codec.minPayload())) {
							continue;
						}
						roundTrip(field, codec, random);
					}
				}
			}
		}
	}

	/** Messages framed by the codec (or whole frames, when not stripped) decode as they were. */
	private static void roundTrip(LengthField field, Codec codec, Random random) {
		int maxMessageSize = Math.min(codec.maxPayload(), 300);
		List<byte[]> messages = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = 0; i < 20; i++) {
			int size = codec.minPayload() + random.nextInt(maxMessageSize - codec.minPayload() + 1);
			byte[] message = field.stripsHeader() ? randomBytes(size, random)
					: frame(field, randomBytes(size - field.headerLength(), random), random);
			byte[] framed = bytes(codec.encode(ByteBufAllocator.DEFAULT, message));
			if (field.stripsHeader()) {
				assertThat(framed).as(describe(field)).isEqualTo(frame(field, message, random));
			}
			else {
				assertThat(framed).as("%s: a whole frame is written as it is", describe(field)).isEqualTo(message);
			}
			messages.add(message);
			wire.writeBytes(framed);
		}
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), codec, maxMessageSize);
		CodecFuzzTests.writeInRandomPieces(channel, wire.toByteArray(), random);
		for (byte[] message : messages) {
			assertThat(LengthFieldFrameDecoderTests.frame(channel)).as(describe(field)).isEqualTo(message);
		}
		assertThat((Object) channel.readInbound()).isNull();
	}

	@Test
	void aReplyTheFieldCannotAnnounceIsRefusedEitherWay() {
		Codec oneDigit = Codec.lengthField(field(0, 1, Encoding.ASCII, 0, 1, ""));
		assertThat(oneDigit.maxPayload()).isEqualTo(9);
		assertThatExceptionOfType(ReplyTooLongException.class)
			.isThrownBy(() -> oneDigit.encode(ByteBufAllocator.DEFAULT, new byte[10]))
			.withMessage("reply of 10 bytes is longer than the codec frames (max 9 bytes)");
		Codec stopBytes = Codec.lengthField(field(0, 1, Encoding.BINARY, 2, 1, ""));
		assertThatExceptionOfType(ReplyTooLongException.class)
			.isThrownBy(() -> stopBytes.encode(ByteBufAllocator.DEFAULT, new byte[1]))
			.withMessage("reply of 1 bytes is shorter than the codec frames (min 2 bytes)");
	}

	@Test
	void theServersOwnRepliesAreCutOrPaddedToAFrame() {
		Codec oneDigit = Codec.lengthField(field(0, 1, Encoding.ASCII, 0, 1, ""));
		assertThat(new String(bytes(oneDigit.encode(ByteBufAllocator.DEFAULT, "ERR server busy"))))
			.isEqualTo("9ERR serve");
		Codec longStop = Codec.lengthField(field(0, 1, Encoding.BINARY, 20, 1, ""));
		assertThat(bytes(longStop.encode(ByteBufAllocator.DEFAULT, "ERR server busy"))).hasSize(21)
			.startsWith(0, 'E', 'R', 'R')
			.endsWith(0, 0, 0, 0, 0);
	}

	/** A frame as a client of {@code field} writes it around what follows the length field. */
	static byte[] frame(LengthField field, byte[] afterHeader, Random random) {
		byte[] prefix = Arrays.copyOf(field.start(), field.offset());
		byte[] filler = randomBytes(field.offset() - field.start().length, random);
		System.arraycopy(filler, 0, prefix, field.start().length, filler.length);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.writeBytes(prefix);
		frame.writeBytes(lengthField(field, afterHeader.length - field.adjustment()));
		frame.writeBytes(afterHeader);
		return frame.toByteArray();
	}

	private static byte[] lengthField(LengthField field, long value) {
		String digits = String.format("%0" + (2 * field.length()) + "d", value);
		return switch (field.encoding()) {
			case ASCII -> digits.substring(field.length()).getBytes();
			case BCD -> HexFormat.of().parseHex(digits);
			case BINARY -> {
				byte[] big = new byte[field.length()];
				for (int i = 0; i < big.length; i++) {
					big[big.length - 1 - i] = (byte) (value >> (8 * i));
				}
				if (field.byteOrder() == Endian.LITTLE) {
					for (int i = 0; i < big.length / 2; i++) {
						byte swap = big[i];
						big[i] = big[big.length - 1 - i];
						big[big.length - 1 - i] = swap;
					}
				}
				yield big;
			}
		};
	}

	static LengthField field(int offset, int length, Encoding encoding, int adjustment, int strip, String start) {
		return new LengthField(offset, length, encoding, Endian.BIG, adjustment, strip, hex(start));
	}

	private static String describe(LengthField field) {
		return "offset " + field.offset() + ", length " + field.length() + " " + field.encoding() + " "
				+ field.byteOrder() + ", adjustment " + field.adjustment() + ", strip " + field.strip() + ", start "
				+ HexFormat.of().formatHex(field.start());
	}

	static byte[] randomBytes(int size, Random random) {
		byte[] bytes = new byte[size];
		random.nextBytes(bytes);
		return bytes;
	}

	static byte[] bytes(ByteBuf buffer) {
		try {
			return ByteBufUtil.getBytes(buffer);
		}
		finally {
			buffer.release();
		}
	}

	static byte[] hex(String hex) {
		return LengthFieldFrameDecoderTests.hex(hex);
	}

}
