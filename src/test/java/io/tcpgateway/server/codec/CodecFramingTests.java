package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.Framing;
import io.tcpgateway.support.SeededRandom;
import io.tcpgateway.support.TcpTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each codec's pipeline, on an {@link io.netty.channel.embedded.EmbeddedChannel}: frames cut at
 * any byte boundary come out whole, a frame over the maximum fails before it is buffered, and a
 * reply is framed the way a client of that codec reads it.
 */
@ExtendWith(SeededRandom.class)
class CodecFramingTests {

	@ParameterizedTest
	@EnumSource(names = { "RAW", "LENGTH_FIELD", "FIXED_LENGTH", "DELIMITER" }, mode = EnumSource.Mode.EXCLUDE)
	void framesArriveWholeWhateverTheSegments(CodecKind kind, Random random) {
		Codec codec = Codec.of(kind);
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), codec, 100);
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = 0; i < 50; i++) {
			wire.writeBytes(TcpTestClient.frame(codec.propertyValue(), "ECHO " + i));
		}
		byte[] bytes = wire.toByteArray();
		for (int offset = 0; offset < bytes.length;) {
			int length = Math.min(1 + random.nextInt(8), bytes.length - offset);
			channel.writeInbound(EmbeddedConnection.bytes(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
			offset += length;
		}
		for (int i = 0; i < 50; i++) {
			assertThat(channel.readInboundText()).isEqualTo("ECHO " + i);
		}
		assertThat((Object) channel.readInbound()).isNull();
	}

	@ParameterizedTest
	@EnumSource(names = { "RAW", "LENGTH_FIELD", "FIXED_LENGTH", "DELIMITER" }, mode = EnumSource.Mode.EXCLUDE)
	void aFrameOverTheMaximumFailsFast(CodecKind kind) {
		Codec codec = Codec.of(kind);
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), codec, 10);
		channel.writeInbound(EmbeddedConnection.bytes(TcpTestClient.frame(codec.propertyValue(), "0123456789")));
		assertThat(channel.readInboundText()).isEqualTo("0123456789");
		byte[] tooLong = TcpTestClient.frame(codec.propertyValue(), "0123456789A");
		// the first 13 bytes already prove it too long, whatever follows (a start byte, one byte
		// over, and the room for the first byte of a two-byte end marker)
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(EmbeddedConnection.bytes(java.util.Arrays.copyOf(tooLong, 13))));
	}

	@ParameterizedTest
	@EnumSource(names = { "LENGTH_FIELD", "FIXED_LENGTH", "DELIMITER" }, mode = EnumSource.Mode.EXCLUDE)
	void repliesAreFramedAsClientsOfTheCodecReadThem(CodecKind kind) {
		Codec codec = Codec.of(kind);
		ByteBuf reply = codec.encode(ByteBufAllocator.DEFAULT, "ünï");
		try {
			byte[] expected = TcpTestClient.frame(codec.propertyValue(), "ünï");
			byte[] actual = new byte[reply.readableBytes()];
			reply.readBytes(actual);
			assertThat(actual).isEqualTo(expected);
		}
		finally {
			reply.release();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.tcpgateway.server.codec.CodecFuzzTests#everyFramingCodec")
	void aMessageOfTheMaximumSizeIsTakenWhereverItsFrameIsCut(String name, Codec codec, @Nullable LengthField field,
			Random random) {
		int largest = Math.min(codec.maxPayload(), CodecFuzzTests.MAX_MESSAGE_SIZE);
		byte[] frame = CodecFuzzTests.randomFrame(codec, field, random, largest);
		for (int cut = 1; cut < frame.length; cut++) {
			EmbeddedConnection channel = EmbeddedConnection.of();
			Framing.addTo(channel.pipeline(), codec, CodecFuzzTests.MAX_MESSAGE_SIZE);
			channel.writeInbound(EmbeddedConnection.bytes(java.util.Arrays.copyOf(frame, cut)));
			channel.writeInbound(EmbeddedConnection.bytes(java.util.Arrays.copyOfRange(frame, cut, frame.length)));
			assertThat(LengthFieldFrameDecoderTests.frame(channel)).as("cut at %d", cut).hasSize(largest);
			assertThat(channel.finish()).isFalse();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.tcpgateway.server.codec.CodecFuzzTests#everyFramingCodec")
	void eachFramerHandsOutOneFrameACallAndKeepsTheRestForTheNext(String name, Codec codec,
			@Nullable LengthField field, Random random) throws Exception {
		Framer framer = codec.framer(CodecFuzzTests.MAX_MESSAGE_SIZE);
		List<byte[]> frames = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int i = 0; i < 3; i++) {
			frames.add(CodecFuzzTests.randomFrame(codec, field, random));
			wire.writeBytes(frames.get(i));
		}
		ByteBuf in = Unpooled.wrappedBuffer(wire.toByteArray());
		EmbeddedConnection channel = EmbeddedConnection.of();
		io.netty.channel.ChannelHandlerContext ctx = channel.pipeline().firstContext();
		for (int i = 0; i < 3; i++) {
			Object frame = framer.next(ctx, in);
			assertThat(frame).as("frame %d", i).isNotNull();
			io.netty.util.ReferenceCountUtil.release(frame);
			assertThat(in.isReadable()).as("bytes kept after frame %d", i).isEqualTo(i < 2);
		}
		assertThat(framer.next(ctx, in)).isNull();
		in.release();
	}

	@Test
	void rawMakesEachChunkAMessageCutAtTheMaximum() {
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), Codec.RAW, 4);
		channel.writeInbound(EmbeddedConnection.bytes("hello"), EmbeddedConnection.bytes("ab"));
		assertThat(channel.readInboundText()).isEqualTo("hell");
		assertThat(channel.readInboundText()).isEqualTo("o");
		assertThat(channel.readInboundText()).isEqualTo("ab");
	}

	@ParameterizedTest
	@EnumSource(names = { "LENGTH_HEADER_1", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "STX_ETX", "NUL", "RAW", "MLLP" })
	void everyBinaryCodecCarriesAnyByteValueBothWays(CodecKind kind) {
		Codec codec = Codec.of(kind);
		byte[] every = new byte[256];
		for (int i = 0; i < 256; i++) {
			every[i] = (byte) i;
		}
		// a delimiter codec cannot carry its own end marker inside a message
		byte[] payload = switch (kind) {
			case STX_ETX -> withoutByte(every, 0x03);
			case NUL -> withoutByte(every, 0x00);
			case MLLP -> withoutByte(every, 0x1C);
			case LENGTH_HEADER_1 -> java.util.Arrays.copyOf(every, 255);
			default -> every;
		};
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), codec, 1000);
		channel.writeInbound(EmbeddedConnection.bytes(TcpTestClient.frame(codec.propertyValue(), payload)));
		ByteBuf frame = channel.readInbound();
		try {
			assertThat(io.netty.buffer.ByteBufUtil.getBytes(frame)).isEqualTo(payload);
		}
		finally {
			frame.release();
		}
		ByteBuf reply = codec.encode(ByteBufAllocator.DEFAULT, payload);
		try {
			assertThat(io.netty.buffer.ByteBufUtil.getBytes(reply)).isEqualTo(TcpTestClient.frame(codec.propertyValue(), payload));
		}
		finally {
			reply.release();
		}
	}

	private static byte[] withoutByte(byte[] bytes, int value) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte b : bytes) {
			if ((b & 0xFF) != value) {
				out.write(b);
			}
		}
		return out.toByteArray();
	}

	@Test
	void aReplyLongerThanTheLengthHeaderCanAnnounceIsRefused() {
		assertThatExceptionOfType(ReplyTooLongException.class).isThrownBy(() -> Codec.LENGTH_HEADER_1
			.encode(ByteBufAllocator.DEFAULT, "x".repeat(256), java.nio.charset.StandardCharsets.UTF_8));
		assertThatExceptionOfType(ReplyTooLongException.class)
			.isThrownBy(() -> Codec.LENGTH_HEADER_1.encode(ByteBufAllocator.DEFAULT, new byte[256]));
	}

	@Test
	void theServersOwnReplyIsCutToWhatTheFramingCarries() {
		ByteBuf reply = Codec.LENGTH_HEADER_1.encode(ByteBufAllocator.DEFAULT, "x".repeat(256));
		try {
			assertThat(reply.readUnsignedByte()).isEqualTo((short) 255);
			assertThat(reply.readableBytes()).isEqualTo(255);
		}
		finally {
			reply.release();
		}
	}

	@Test
	void propertyValuesNameEachCodecAndNullIsTheNulCodec() {
		for (CodecKind kind : CodecKind.values()) {
			assertThat(CodecKind.fromPropertyValue(kind.propertyValue())).isEqualTo(kind);
			if (!kind.parameterized()) {
				assertThat(Codec.of(kind).kind()).isEqualTo(kind);
			}
		}
		assertThat(CodecKind.fromPropertyValue("null")).isEqualTo(CodecKind.NUL);
		assertThat(CodecKind.fromPropertyValue("LENGTH_HEADER_2")).isEqualTo(CodecKind.LENGTH_HEADER_2);
		assertThatIllegalArgumentException().isThrownBy(() -> CodecKind.fromPropertyValue(""))
			.withMessageContaining("in YAML a bare null is no value");
		assertThatIllegalArgumentException().isThrownBy(() -> CodecKind.fromPropertyValue("morse"))
			.withMessageContaining("'morse' is not a codec; allowed values: lf, crlf");
		assertThatIllegalArgumentException().isThrownBy(() -> Codec.of(CodecKind.DELIMITER))
			.withMessage("delimiter needs its parameters");
	}

}
