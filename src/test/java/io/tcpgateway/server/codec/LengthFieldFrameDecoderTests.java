package io.tcpgateway.server.codec;

import java.util.HexFormat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.server.codec.LengthField.Encoding;
import io.tcpgateway.server.codec.LengthField.Endian;
import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile lengths on the length-field decoder: each is refused with the error the connection
 * answers ({@code TooLongFrameException}: message too long; any other
 * {@code DecoderException}: malformed frame) as soon as the header shows it, and nothing of it
 * stays buffered.
 */
class LengthFieldFrameDecoderTests {

	static final LengthField TWO_BYTES = LengthField.header(2);

	static final LengthField TPKT = new LengthField(2, 2, Encoding.BINARY, Endian.BIG, -4, 4, hex("0300"));

	static final LengthField ASCII = new LengthField(0, 4, Encoding.ASCII, Endian.BIG, 0, 4, new byte[0]);

	static final LengthField BCD = new LengthField(0, 2, Encoding.BCD, Endian.BIG, 0, 2, new byte[0]);

	@Test
	void aLengthOverTheMaximumIsRefusedOnceTheHeaderIsReadBeforeAnyBody() {
		EmbeddedConnection channel = channel(TWO_BYTES, 100);
		channel.writeInbound(bytes("0064"));
		channel.writeInbound(bytes("ab".repeat(100)));
		assertThat(frame(channel)).hasSize(100);
		ByteBuf header = bytes("0065");
		assertThatExceptionOfType(TooLongFrameException.class).isThrownBy(() -> channel.writeInbound(header));
		assertThat(header.refCnt()).isZero();
	}

	@Test
	void aLengthNegativeAfterTheAdjustmentIsMalformed() {
		EmbeddedConnection channel = channel(TPKT, 100);
		// TPKT counts its own 4-byte header: a length of 3 leaves -1 bytes after it
		assertThatExceptionOfType(CorruptedFrameException.class).isThrownBy(() -> channel.writeInbound(bytes("03000003")));
	}

	@Test
	void aLengthThatCountsAtLeastTheHeaderIsAFrameEvenAnEmptyOne() {
		EmbeddedConnection channel = channel(TPKT, 100);
		channel.writeInbound(bytes("03000004" + "03000005aa"));
		assertThat(frame(channel)).isEmpty();
		assertThat(frame(channel)).containsExactly(0xaa);
	}

	@Test
	void anAsciiLengthWithANonDigitIsMalformedAndEverythingAfterItDropped() {
		EmbeddedConnection channel = channel(ASCII, 100);
		ByteBuf corrupt = EmbeddedConnection.bytes("00x4PING");
		assertThatExceptionOfType(CorruptedFrameException.class).isThrownBy(() -> channel.writeInbound(corrupt))
			.withMessage("length field is not 4 ASCII digits");
		assertThat(corrupt.refCnt()).isZero();
		ByteBuf after = EmbeddedConnection.bytes("0004PING");
		channel.writeInbound(after);
		assertThat((Object) channel.readInbound()).isNull();
		assertThat(after.refCnt()).isZero();
	}

	@Test
	void aBcdLengthWithANibbleOverNineIsMalformed() {
		EmbeddedConnection channel = channel(BCD, 100);
		channel.writeInbound(bytes("0004" + "01020304"));
		assertThat(frame(channel)).containsExactly(1, 2, 3, 4);
		assertThatExceptionOfType(CorruptedFrameException.class).isThrownBy(() -> channel.writeInbound(bytes("000a")))
			.withMessage("length field is not 2 bytes of BCD digits");
	}

	@Test
	void aFrameWithoutItsStartBytesIsMalformedBeforeItsBodyArrives() {
		EmbeddedConnection channel = channel(TPKT, 100);
		assertThatExceptionOfType(CorruptedFrameException.class).isThrownBy(() -> channel.writeInbound(bytes("03010008")))
			.withMessage("frame does not start with 0300");
	}

	@Test
	void anEightByteLengthPastTheLargestSignedLongIsTooLongNotNegative() {
		LengthField eight = new LengthField(0, 8, Encoding.BINARY, Endian.LITTLE, 100, 8, new byte[0]);
		EmbeddedConnection channel = channel(eight, 1000);
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(bytes("ffffffffffffffff")));
	}

	@Test
	void aFrameCutShortByTheEndOfTheStreamIsDroppedAndReleased() {
		EmbeddedConnection channel = channel(TWO_BYTES, 100);
		ByteBuf partial = bytes("0010" + "0102");
		channel.writeInbound(partial);
		assertThat(channel.finish()).isFalse();
		assertThat(partial.refCnt()).isZero();
	}

	static EmbeddedConnection channel(LengthField field, int maxMessageSize) {
		return EmbeddedConnection.of(new LengthFieldFrameDecoder(field, maxMessageSize));
	}

	static byte[] frame(EmbeddedConnection channel) {
		ByteBuf frame = channel.readInbound();
		assertThat(frame).as("a frame").isNotNull();
		try {
			return ByteBufUtil.getBytes(frame);
		}
		finally {
			frame.release();
		}
	}

	static ByteBuf bytes(String hex) {
		return EmbeddedConnection.bytes(hex(hex));
	}

	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

}
