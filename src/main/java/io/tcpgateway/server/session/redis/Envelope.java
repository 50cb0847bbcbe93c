package io.tcpgateway.server.session.redis;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.Reply;

/**
 * The messages instances send each other over Redis pub/sub, each on the channel of the
 * instance it is for: a push for a key that instance holds, the outcome of a push, and the news
 * that a key it held was bound elsewhere. Also how a frame is written into an offline queue.
 */
final class Envelope {

	static final byte PUSH = 'P';

	static final byte OUTCOME = 'O';

	static final byte REPLACED = 'R';

	private static final byte TEXT = 't';

	private static final byte BYTES = 'b';

	private Envelope() {
	}

	/** A push: who asks (to answer), how many times it was passed on, the key, the frame. */
	record Push(long request, String origin, int hops, String key, Reply.Frame frame) {

		byte[] encode() {
			return write((out) -> {
				out.writeByte(PUSH);
				out.writeLong(this.request);
				out.writeUTF(this.origin);
				out.writeByte(this.hops);
				out.writeUTF(this.key);
				out.write(Envelope.frame(this.frame));
			});
		}

		Push passedOn() {
			return new Push(this.request, this.origin, this.hops + 1, this.key, this.frame);
		}

	}

	/** How a push went, for the instance that asked. */
	record Outcome(long request, PushOutcome outcome) {

		byte[] encode() {
			return write((out) -> {
				out.writeByte(OUTCOME);
				out.writeLong(this.request);
				out.writeByte(this.outcome.ordinal());
			});
		}

	}

	/** A key this instance's connection held was bound elsewhere; Redis appends the value it held. */
	record Replaced(String key, String held) {

		/** The message without the value held, which the bind script appends. */
		static byte[] prefix(String key) {
			return write((out) -> {
				out.writeByte(REPLACED);
				out.writeUTF(key);
			});
		}

	}

	/** Reads a message; {@code null} for one this version does not know. */
	static Object decode(byte[] message) {
		DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message));
		try {
			byte type = in.readByte();
			return switch (type) {
				case PUSH -> new Push(in.readLong(), in.readUTF(), hops(in.readByte()), in.readUTF(),
						frame(in.readAllBytes()));
				case OUTCOME -> new Outcome(in.readLong(), outcome(in.readByte()));
				case REPLACED -> new Replaced(in.readUTF(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
				default -> throw new IllegalArgumentException("unknown message type " + type);
			};
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("truncated message", ex);
		}
	}

	private static int hops(byte hops) {
		if (hops < 0) {
			throw new IllegalArgumentException("negative hops " + hops);
		}
		return hops;
	}

	private static PushOutcome outcome(byte ordinal) {
		if (ordinal < 0 || ordinal >= PushOutcome.values().length) {
			throw new IllegalArgumentException("unknown outcome " + ordinal);
		}
		return PushOutcome.values()[ordinal];
	}

	/** A frame as a queue or a push carries it: a kind byte, then its text in UTF-8 or its bytes. */
	static byte[] frame(Reply.Frame frame) {
		String text = frame.text();
		byte[] payload = (text != null) ? text.getBytes(StandardCharsets.UTF_8) : frame.bytes(StandardCharsets.UTF_8);
		byte[] written = new byte[payload.length + 1];
		written[0] = (text != null) ? TEXT : BYTES;
		System.arraycopy(payload, 0, written, 1, payload.length);
		return written;
	}

	static Reply.Frame frame(byte[] written) {
		if (written.length == 0) {
			throw new IllegalArgumentException("a frame with no kind");
		}
		byte[] payload = Arrays.copyOfRange(written, 1, written.length);
		return (written[0] == TEXT) ? Reply.Frame.text(new String(payload, StandardCharsets.UTF_8))
				: Reply.Frame.bytes(payload);
	}

	private interface Writer {

		void write(DataOutputStream out) throws IOException;

	}

	private static byte[] write(Writer writer) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			writer.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
