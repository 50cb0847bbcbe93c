package io.tcpgateway.server.codec;

import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.Framing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Lines of at most the maximum, ending at LF or CRLF: a line of the maximum may wait for its LF after its CR. */
class LineFramerTests {

	final EmbeddedConnection channel = lines(4);

	static EmbeddedConnection lines(int maxLength) {
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), Codec.LF, maxLength);
		return channel;
	}

	@Test
	void aLineOfTheMaximumIsTakenWhenItsLfFollowsItsCrLater() {
		this.channel.writeInbound(EmbeddedConnection.bytes("PING\r"));
		this.channel.writeInbound(EmbeddedConnection.bytes("\nPONG\n"));
		assertThat(this.channel.readInboundText()).isEqualTo("PING");
		assertThat(this.channel.readInboundText()).isEqualTo("PONG");
	}

	@Test
	void aLongerLineIsRefusedWithOrWithoutItsEnd() {
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> this.channel.writeInbound(EmbeddedConnection.bytes("PINGS\n")));
		EmbeddedConnection other = lines(4);
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> other.writeInbound(EmbeddedConnection.bytes("PINGS\r")));
	}

}
