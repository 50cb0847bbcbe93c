package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBufAllocator;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.Framing;
import io.tcpgateway.support.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code fixed-length} codec: every message and every reply exactly N bytes. */
@ExtendWith(SeededRandom.class)
class FixedLengthCodecTests {

	@Test
	void framesOfAnyLengthArriveWholeWhateverTheSegments(Random random) {
		for (int run = 0; run < 20; run++) {
			int length = 1 + random.nextInt(40);
			Codec codec = Codec.fixedLength(length);
			assertThat(codec.maxPayload()).isEqualTo(length);
			assertThat(codec.minPayload()).isEqualTo(length);
			List<byte[]> messages = new ArrayList<>();
			ByteArrayOutputStream wire = new ByteArrayOutputStream();
			for (int i = 0; i < 10; i++) {
				messages.add(LengthFieldCodecTests.randomBytes(length, random));
				wire.writeBytes(LengthFieldCodecTests.bytes(codec.encode(ByteBufAllocator.DEFAULT, messages.get(i))));
			}
			assertThat(wire.size()).isEqualTo(10 * length);
			EmbeddedConnection channel = EmbeddedConnection.of();
			Framing.addTo(channel.pipeline(), codec, length);
			CodecFuzzTests.writeInRandomPieces(channel, wire.toByteArray(), random);
			for (byte[] message : messages) {
				assertThat(LengthFieldFrameDecoderTests.frame(channel)).isEqualTo(message);
			}
			assertThat(channel.finish()).isFalse();
		}
	}

	@Test
	void aShorterReplyIsPaddedWithNulBytesAndALongerOneRefused() {
		Codec codec = Codec.fixedLength(8);
		assertThat(LengthFieldCodecTests.bytes(codec.encode(ByteBufAllocator.DEFAULT, "PONG".getBytes())))
			.containsExactly('P', 'O', 'N', 'G', 0, 0, 0, 0);
		assertThatExceptionOfType(ReplyTooLongException.class)
			.isThrownBy(() -> codec.encode(ByteBufAllocator.DEFAULT, new byte[9]))
			.withMessage("reply of 9 bytes is longer than the codec frames (max 8 bytes)");
	}

	@Test
	void theServersOwnReplyIsCutToTheLength() {
		assertThat(new String(
				LengthFieldCodecTests.bytes(Codec.fixedLength(8).encode(ByteBufAllocator.DEFAULT, "ERR server busy"))))
			.isEqualTo("ERR serv");
	}

}
