package io.tcpgateway.server.codec;

import io.netty.handler.codec.CorruptedFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** An ETX-terminated frame must start with STX, which is dropped. */
class StxStripperTests {

	final EmbeddedConnection channel = EmbeddedConnection.of(new StxStripper());

	@Test
	void dropsTheStx() {
		this.channel.writeInbound(EmbeddedConnection.bytes((byte) 0x02, (byte) 'P', (byte) 'I'));
		assertThat(this.channel.readInboundText()).isEqualTo("PI");
	}

	@Test
	void aFrameWithoutStxIsCorrupt() {
		assertThatExceptionOfType(CorruptedFrameException.class)
			.isThrownBy(() -> this.channel.writeInbound(EmbeddedConnection.bytes("PING")));
		assertThatExceptionOfType(CorruptedFrameException.class)
			.isThrownBy(() -> this.channel.writeInbound(EmbeddedConnection.bytes(new byte[0])));
	}

}
