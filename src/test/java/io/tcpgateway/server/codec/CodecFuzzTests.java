package io.tcpgateway.server.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.tcpgateway.server.codec.LengthField.Encoding;
import io.tcpgateway.server.codec.LengthField.Endian;
import io.tcpgateway.support.EmbeddedConnection;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.support.Framing;
import io.tcpgateway.support.SeededRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes at any codec, in any pieces: the codec hands over frames of at most the maximum
 * size or fails with a {@link DecoderException} (the connection answers and closes), never
 * buffers more than one maximum message and its framing, and leaks nothing: every buffer it was
 * given or grew is released once the connection closes. {@value #STREAMS} streams per codec,
 * half random bytes, half valid frames with bytes flipped.
 */
@ExtendWith(SeededRandom.class)
class CodecFuzzTests {

	static final int STREAMS = 300;

	static final int MAX_MESSAGE_SIZE = 64;

	/**
	 * Every codec, and the length-field settings of README's protocol table and more: a name, the
	 * codec, and its length field when it has one.
	 */
	static Stream<Arguments> everyCodec() {
		List<Arguments> codecs = new ArrayList<>();
		for (CodecKind kind : CodecKind.values()) {
			if (!kind.parameterized()) {
				codecs.add(Arguments.of(kind.propertyValue(), Codec.of(kind), null));
			}
		}
		codecs.add(Arguments.of("fixed-length 8", Codec.fixedLength(8), null));
		codecs.add(Arguments.of("delimiter 7e", Codec.delimiter(new byte[] { 0x7e }), null));
		codecs.add(Arguments.of("delimiter 0d0a", Codec.delimiter(new byte[] { 0x0d, 0x0a }), null));
		codecs.add(lengthField("modbus-tcp", LengthFieldCodecTests.field(4, 2, Encoding.BINARY, 0, 0, "")));
		codecs.add(lengthField("iso8583-ascii", LengthFieldCodecTests.field(0, 4, Encoding.ASCII, 0, 4, "")));
		codecs.add(lengthField("tpkt", LengthFieldCodecTests.field(2, 2, Encoding.BINARY, -4, 4, "0300")));
		codecs.add(lengthField("iec-104", LengthFieldCodecTests.field(1, 1, Encoding.BINARY, 0, 2, "68")));
		codecs.add(lengthField("gt06", LengthFieldCodecTests.field(2, 1, Encoding.BINARY, 2, 0, "7878")));
		codecs.add(lengthField("bcd 2", LengthFieldCodecTests.field(0, 2, Encoding.BCD, 0, 2, "")));
		codecs.add(lengthField("binary 8 little",
				new LengthField(0, 8, Encoding.BINARY, Endian.LITTLE, 0, 8, new byte[0])));
		return codecs.stream();
	}

	/** Every codec but raw, whose messages end where reads end rather than where frames do. */
	static Stream<Arguments> everyFramingCodec() {
		return everyCodec().filter((arguments) -> arguments.get()[1] != Codec.RAW);
	}

	private static Arguments lengthField(String name, LengthField field) {
		return Arguments.of("length-field " + name, Codec.lengthField(field), field);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyCodec")
	void anyBytesGiveFramesOrAnErrorWithinTheBoundAndLeakNothing(String name, Codec codec,
			@Nullable LengthField field, Random random) {
		int framing = framing(codec);
		for (int stream = 0; stream < STREAMS; stream++) {
			byte[] input = random.nextBoolean() ? LengthFieldCodecTests.randomBytes(1 + random.nextInt(1024), random)
					: flipped(validTraffic(codec, field, random), random);
			List<ByteBuf> given = new ArrayList<>();
			TrackingAllocator allocator = new TrackingAllocator();
			InputBudget held = new InputBudget(Long.MAX_VALUE, System::nanoTime);
			EmbeddedConnection channel = EmbeddedConnection.of();
			channel.config().setAllocator(allocator);
			Framing.addTo(channel.pipeline(), codec, MAX_MESSAGE_SIZE, held);
			for (int offset = 0; offset < input.length;) {
				int length = Math.min(1 + random.nextInt(random.nextBoolean() ? 8 : 256), input.length - offset);
				ByteBuf piece = Unpooled.wrappedBuffer(Arrays.copyOfRange(input, offset, offset + length));
				given.add(piece);
				offset += length;
				boolean failed = false;
				try {
					channel.writeInbound(piece);
				}
				catch (DecoderException ex) {
					failed = true;
				}
				for (Object message; (message = channel.readInbound()) != null;) {
					ByteBuf frame = (message instanceof io.netty.buffer.ByteBufHolder line) ? line.content() : (ByteBuf) message;
					assertThat(frame.readableBytes()).as("stream %d: a frame", stream).isLessThanOrEqualTo(MAX_MESSAGE_SIZE);
					frame.release();
				}
				if (failed) {
					// the connection closes: the rest of this read is dropped with it
					break;
				}
				// what the frame reader holds: at most a partial frame (plus a buffer's growth room)
				assertThat(held.used()).as("stream %d: bytes kept", stream)
					.isLessThanOrEqualTo(2L * (MAX_MESSAGE_SIZE + framing) + 4096);
			}
			try {
				channel.finishAndReleaseAll();
			}
			catch (DecoderException ex) {
				// a last frame cut off by the close: what the connection would answer is not asked here
			}
			assertThat(given).as("stream %d: every buffer given released", stream).allMatch((buffer) -> buffer.refCnt() == 0);
			assertThat(allocator.made).as("stream %d: every buffer made released", stream)
				.allMatch((buffer) -> buffer.refCnt() == 0);
			assertThat(held.used()).as("stream %d: nothing held once closed", stream).isZero();
		}
	}

	/** The bytes a codec's framing adds to the shortest reply. */
	private static int framing(Codec codec) {
		ByteBuf framed = codec.encode(ByteBufAllocator.DEFAULT, new byte[codec.minReply()]);
		try {
			return framed.readableBytes() - codec.minReply();
		}
		finally {
			framed.release();
		}
	}

	/** Frames as a client of the codec sends them, one after another. */
	private static byte[] validTraffic(Codec codec, @Nullable LengthField field, Random random) {
		ByteArrayOutputStream traffic = new ByteArrayOutputStream();
		for (int i = 0, n = 1 + random.nextInt(10); i < n; i++) {
			traffic.writeBytes(randomFrame(codec, field, random));
		}
		return traffic.toByteArray();
	}

	/**
	 * One frame of a random message of at most {@value #MAX_MESSAGE_SIZE} letters, which no
	 * codec uses as a marker.
	 */
	static byte[] randomFrame(Codec codec, @Nullable LengthField field, Random random) {
		int largest = Math.min(codec.maxPayload(), MAX_MESSAGE_SIZE);
		int shortest = Math.max(codec.minReply(), codec.minPayload());
		return randomFrame(codec, field, random, shortest + random.nextInt(largest - shortest + 1));
	}

	/** One frame of a random message of {@code size} letters. */
	static byte[] randomFrame(Codec codec, @Nullable LengthField field, Random random, int size) {
		if (field != null && !field.stripsHeader()) {
			// a whole frame is the message, which the codec writes as it is
			return LengthFieldCodecTests.frame(field, letters(size - field.headerLength(), random), random);
		}
		return LengthFieldCodecTests.bytes(codec.encode(ByteBufAllocator.DEFAULT, letters(size, random)));
	}

	private static byte[] letters(int size, Random random) {
		byte[] letters = new byte[size];
		for (int i = 0; i < size; i++) {
			letters[i] = (byte) ('a' + random.nextInt(26));
		}
		return letters;
	}

	private static byte[] flipped(byte[] bytes, Random random) {
		for (int i = 0, n = random.nextInt(4); i < n && bytes.length > 0; i++) {
			bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
		}
		return bytes;
	}

	/** Writes {@code bytes} in pieces of 1 to 16 bytes. */
	static void writeInRandomPieces(EmbeddedConnection channel, byte[] bytes, Random random) {
		for (int offset = 0; offset < bytes.length;) {
			int length = Math.min(1 + random.nextInt(16), bytes.length - offset);
			channel.writeInbound(EmbeddedConnection.bytes(Arrays.copyOfRange(bytes, offset, offset + length)));
			offset += length;
		}
	}

	/** Keeps every buffer the frame reader allocates, to check that each is released. */
	static final class TrackingAllocator extends io.netty.buffer.AbstractByteBufAllocator {

		final List<ByteBuf> made = new ArrayList<>();

		TrackingAllocator() {
			super(false);
		}

		@Override
		protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
			return made(Unpooled.buffer(initialCapacity, maxCapacity));
		}

		@Override
		protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
			return made(Unpooled.directBuffer(initialCapacity, maxCapacity));
		}

		@Override
		public boolean isDirectBufferPooled() {
			return false;
		}

		private ByteBuf made(ByteBuf buffer) {
			this.made.add(buffer);
			return buffer;
		}

	}

}
