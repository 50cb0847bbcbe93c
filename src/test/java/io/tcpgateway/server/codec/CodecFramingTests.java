package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.input.InputStage;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.SeededRandom;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each codec's framing, through a frame reader on an {@link io.netty.channel.embedded.EmbeddedChannel}: frames cut at
 * any byte boundary come out whole, a frame over the maximum fails before it is buffered, and a
 * reply is framed the way a client of that codec reads it.
 */
@ExtendWith(SeededRandom.class)
class CodecFramingTests {

	/** A connection whose frame reader cuts with this codec's framer, taking every frame. */
	static EmbeddedConnection framing(Codec codec, int maxMessageSize) {
		return EmbeddedConnection.of((Channel channel) -> List.of(InputStage
			.frameReader(codec.framer(maxMessageSize), InputBudget.unbounded(), new ReadGate(channel))));
	}

	@ParameterizedTest
	@EnumSource(names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void framesArriveWholeWhateverTheSegments(Codec codec, Random random) {
		EmbeddedConnection channel = framing(codec, 100);
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
	@EnumSource(names = "RAW", mode = EnumSource.Mode.EXCLUDE)
	void aFrameOverTheMaximumFailsFast(Codec codec) {
		EmbeddedConnection channel = framing(codec, 10);
		channel.writeInbound(EmbeddedConnection.bytes(TcpTestClient.frame(codec.propertyValue(), "0123456789")));
		assertThat(channel.readInboundText()).isEqualTo("0123456789");
		byte[] tooLong = TcpTestClient.frame(codec.propertyValue(), "0123456789A");
		// the first 12 bytes already prove it too long, whatever follows
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(EmbeddedConnection.bytes(java.util.Arrays.copyOf(tooLong, 12))));
	}

	@ParameterizedTest
	@EnumSource(Codec.class)
	void repliesAreFramedAsClientsOfTheCodecReadThem(Codec codec) {
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

	@Test
	void rawMakesEachChunkAMessageCutAtTheMaximum() {
		EmbeddedConnection channel = framing(Codec.RAW, 4);
		channel.writeInbound(EmbeddedConnection.bytes("hello"), EmbeddedConnection.bytes("ab"));
		assertThat(channel.readInboundText()).isEqualTo("hell");
		assertThat(channel.readInboundText()).isEqualTo("o");
		assertThat(channel.readInboundText()).isEqualTo("ab");
	}

	@ParameterizedTest
	@EnumSource(names = { "LENGTH_HEADER_1", "LENGTH_HEADER_2", "LENGTH_HEADER_4", "STX_ETX", "NUL", "RAW", "MLLP" })
	void everyBinaryCodecCarriesAnyByteValueBothWays(Codec codec) {
		byte[] every = new byte[256];
		for (int i = 0; i < 256; i++) {
			every[i] = (byte) i;
		}
		// a delimiter codec cannot carry its own end marker inside a message
		byte[] payload = switch (codec) {
			case STX_ETX -> withoutByte(every, 0x03);
			case NUL -> withoutByte(every, 0x00);
			case MLLP -> withoutByte(every, 0x1C);
			case LENGTH_HEADER_1 -> java.util.Arrays.copyOf(every, 255);
			default -> every;
		};
		EmbeddedConnection channel = framing(codec, 1000);
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
		assertThatExceptionOfType(ReplyTooLongException.class)
			.isThrownBy(() -> Codec.LENGTH_HEADER_1.encode(ByteBufAllocator.DEFAULT, "x".repeat(256)));
	}

	@Test
	void propertyValuesNameEachCodecAndNullIsTheNulCodec() {
		for (Codec codec : Codec.values()) {
			assertThat(Codec.fromPropertyValue(codec.propertyValue())).isEqualTo(codec);
		}
		assertThat(Codec.fromPropertyValue("null")).isEqualTo(Codec.NUL);
		assertThat(Codec.fromPropertyValue("LENGTH_HEADER_2")).isEqualTo(Codec.LENGTH_HEADER_2);
		assertThatIllegalArgumentException().isThrownBy(() -> Codec.fromPropertyValue(""))
			.withMessageContaining("in YAML a bare null is no value");
		assertThatIllegalArgumentException().isThrownBy(() -> Codec.fromPropertyValue("morse"))
			.withMessageContaining("'morse' is not a codec; allowed values: lf, crlf");
	}

	@Test
	void aFrameCutAtItsEndMarkerMustStartWithItsStartByte() {
		EmbeddedConnection channel = framing(Codec.STX_ETX, 100);
		channel.writeInbound(EmbeddedConnection.bytes((byte) 0x02, (byte) 'P', (byte) 'I', (byte) 0x03));
		assertThat(channel.readInboundText()).isEqualTo("PI");
		assertThatExceptionOfType(io.netty.handler.codec.CorruptedFrameException.class)
			.isThrownBy(() -> channel.writeInbound(EmbeddedConnection.bytes((byte) 'P', (byte) 0x03)));
	}

}
