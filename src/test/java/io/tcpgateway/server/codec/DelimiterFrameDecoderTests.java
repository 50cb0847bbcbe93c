package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Frames of at most the maximum, cut at the delimiter, which is dropped: a frame of the maximum
 * is taken also when its delimiter arrives in pieces; one byte more is refused, also when the
 * delimiter arrives with it.
 */
class DelimiterFrameDecoderTests {

	final EmbeddedConnection channel = EmbeddedConnection.of(new DelimiterFrameDecoder(4, new byte[] { 0x0d, 0x0a }));

	@Test
	void aFrameOfTheMaximumIsTakenWhenItsDelimiterArrivesInPieces() {
		this.channel.writeInbound(EmbeddedConnection.bytes("PING\r"));
		this.channel.writeInbound(EmbeddedConnection.bytes("\nPONG\r\n"));
		assertThat(this.channel.readInboundText()).isEqualTo("PING");
		assertThat(this.channel.readInboundText()).isEqualTo("PONG");
	}

	@Test
	void aLongerFrameIsRefusedAndReleasedEvenWithItsDelimiter() {
		ByteBuf frame = EmbeddedConnection.bytes("PINGS\r\n");
		assertThatExceptionOfType(TooLongFrameException.class).isThrownBy(() -> this.channel.writeInbound(frame))
			.withMessage("frame length 5 exceeds the allowed maximum 4");
		assertThat(frame.refCnt()).isZero();
	}

	@Test
	void aLongerFrameIsRefusedBeforeItsDelimiterArrives() {
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> this.channel.writeInbound(EmbeddedConnection.bytes("PINGS\r")));
	}

}
