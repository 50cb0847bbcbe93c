package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.support.Framing;
import io.tcpgateway.support.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The {@code delimiter} codec: a message, then any delimiter bytes, both ways. */
@ExtendWith(SeededRandom.class)
class DelimiterCodecTests {

	@Test
	void anyDelimiterCutsMessagesWhateverTheSegments(Random random) {
		for (int run = 0; run < 50; run++) {
			byte[] delimiter = LengthFieldCodecTests.randomBytes(1 + random.nextInt(4), random);
			Codec codec = Codec.delimiter(delimiter);
			List<byte[]> messages = new ArrayList<>();
			ByteArrayOutputStream wire = new ByteArrayOutputStream();
			for (int i = 0; i < 10; i++) {
				byte[] message = withoutDelimiter(LengthFieldCodecTests.randomBytes(random.nextInt(100), random), delimiter);
				messages.add(message);
				byte[] framed = LengthFieldCodecTests.bytes(codec.encode(ByteBufAllocator.DEFAULT, message));
				byte[] expected = Arrays.copyOf(message, message.length + delimiter.length);
				System.arraycopy(delimiter, 0, expected, message.length, delimiter.length);
				assertThat(framed).isEqualTo(expected);
				wire.writeBytes(framed);
			}
			EmbeddedConnection channel = EmbeddedConnection.of();
			Framing.addTo(channel.pipeline(), codec, 100);
			CodecFuzzTests.writeInRandomPieces(channel, wire.toByteArray(), random);
			for (byte[] message : messages) {
				assertThat(LengthFieldFrameDecoderTests.frame(channel)).as("delimiter %s", Arrays.toString(delimiter))
					.isEqualTo(message);
			}
			assertThat(channel.finish()).isFalse();
		}
	}

	@Test
	void aMessageOverTheMaximumFailsBeforeItsDelimiterArrives() {
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), Codec.delimiter(new byte[] { 0x0d, 0x0a, 0x0d, 0x0a }), 10);
		channel.writeInbound(EmbeddedConnection.bytes("0123456789\r\n\r"));
		channel.writeInbound(EmbeddedConnection.bytes("\n"));
		assertThat(channel.readInboundText()).isEqualTo("0123456789");
		// 10 bytes and the first 3 of the delimiter could still be a message: one more cannot
		channel.writeInbound(EmbeddedConnection.bytes("0123456789ABC"));
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(EmbeddedConnection.bytes("D")));
	}

	@Test
	void aMessageOverTheMaximumWhoseDelimiterArrivesWithItIsTooLong() {
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), Codec.delimiter(new byte[] { 0x0d, 0x0a }), 10);
		assertThatExceptionOfType(TooLongFrameException.class)
			.isThrownBy(() -> channel.writeInbound(EmbeddedConnection.bytes("0123456789A\r\n")));
	}

	@Test
	void aLoneFirstByteOfTheDelimiterBelongsToTheMessage() {
		EmbeddedConnection channel = EmbeddedConnection.of();
		Framing.addTo(channel.pipeline(), Codec.delimiter(new byte[] { 0x0d, 0x0a }), 10);
		channel.writeInbound(EmbeddedConnection.bytes("a\rb\nc\r\n"));
		assertThat(channel.readInboundText()).isEqualTo("a\rb\nc");
	}

	/** The message with every occurrence of the delimiter's first byte replaced, so it cannot hold the delimiter. */
	private static byte[] withoutDelimiter(byte[] message, byte[] delimiter) {
		for (int i = 0; i < message.length; i++) {
			if (message[i] == delimiter[0]) {
				message[i] = (byte) (delimiter[0] + 1);
			}
		}
		return message;
	}

}
