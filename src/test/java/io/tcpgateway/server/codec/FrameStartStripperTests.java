package io.tcpgateway.server.codec;

import io.netty.handler.codec.CorruptedFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A frame cut at its end marker must start with its start byte (STX here), which is dropped. */
class FrameStartStripperTests {

	final EmbeddedConnection channel = EmbeddedConnection.of(new FrameStartStripper((byte) 0x02));

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
