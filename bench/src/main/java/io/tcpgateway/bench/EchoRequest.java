package io.tcpgateway.bench;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One connection's request line {@code ECHO <payload>\r\n} (or another verb that echoes its
 * argument, such as the blocking benchmark's {@code SLEEP}), reused for every request. The payload
 * starts with a 16-hex-digit id, unique per request (connection number and sequence), padded
 * with {@code x}: a reply that belongs to another request (reordered, mixed up) does not match.
 */
final class EchoRequest {

	static final int ID_LENGTH = 16;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final int payloadOffset;

	private final byte[] line;

	private final int payloadBytes;

	private final long connection;

	private long sequence;

	EchoRequest(int connection, int payloadBytes) {
		this(connection, payloadBytes, "ECHO");
	}

	EchoRequest(int connection, int payloadBytes, String verb) {
		this.connection = connection;
		this.payloadBytes = payloadBytes;
		byte[] prefix = (verb + " ").getBytes(StandardCharsets.US_ASCII);
		this.payloadOffset = prefix.length;
		this.line = new byte[this.payloadOffset + payloadBytes + 2];
		System.arraycopy(prefix, 0, this.line, 0, this.payloadOffset);
		java.util.Arrays.fill(this.line, this.payloadOffset, this.line.length - 2, (byte) 'x');
		this.line[this.line.length - 2] = '\r';
		this.line[this.line.length - 1] = '\n';
	}

	/** Moves on to the next request: a new id in the payload. */
	void next() {
		long id = (this.connection << 40) | (this.sequence++ & 0xFF_FFFF_FFFFL);
		for (int i = ID_LENGTH - 1; i >= 0; i--) {
			this.line[this.payloadOffset + i] = HEX[(int) (id & 0xF)];
			id >>>= 4;
		}
	}

	/** The current request line in a fresh buffer (the previous one may still be queued). */
	ByteBuf encode(ByteBufAllocator allocator) {
		return allocator.directBuffer(this.line.length).writeBytes(this.line);
	}

	/** Whether a reply line (line ending stripped) is exactly the current request's payload. */
	boolean isEchoedBy(ByteBuf reply) {
		if (reply.readableBytes() != this.payloadBytes) {
			return false;
		}
		int start = reply.readerIndex();
		for (int i = 0; i < this.payloadBytes; i++) {
			if (reply.getByte(start + i) != this.line[this.payloadOffset + i]) {
				return false;
			}
		}
		return true;
	}

}
