package io.tcpgateway.server.codec;

import io.tcpgateway.support.EmbeddedConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw codec's framing: each chunk read is a message, cut at the maximum size. */
class RawChunksTests {

	@Test
	void eachChunkIsAMessageAndALongOneIsCut() {
		EmbeddedConnection channel = EmbeddedConnection.of(new RawChunks(3));
		channel.writeInbound(EmbeddedConnection.bytes("hello"));
		channel.writeInbound(EmbeddedConnection.bytes("x"));
		assertThat(channel.readInboundText()).isEqualTo("hel");
		assertThat(channel.readInboundText()).isEqualTo("lo");
		assertThat(channel.readInboundText()).isEqualTo("x");
		assertThat((Object) channel.readInbound()).isNull();
	}

	@Test
	void askedForOneMessageADecodeItKeepsTheRestOfTheChunkForTheNext() {
		RawChunks decoder = new RawChunks(3);
		decoder.setSingleDecode(true);
		EmbeddedConnection channel = EmbeddedConnection.of(decoder);
		channel.writeInbound(EmbeddedConnection.bytes("hello"));
		assertThat(channel.readInboundText()).isEqualTo("hel");
		assertThat((Object) channel.readInbound()).isNull();
		channel.writeInbound(io.netty.buffer.Unpooled.EMPTY_BUFFER);
		assertThat(channel.readInboundText()).isEqualTo("lo");
	}

}
