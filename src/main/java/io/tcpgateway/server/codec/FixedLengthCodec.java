package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;

/**
 * Every message exactly {@code length} bytes, both ways: a shorter reply is padded with NUL
 * bytes (0x00) to the length, a longer one cannot be framed.
 */
final class FixedLengthCodec extends Codec {

	private final int length;

	FixedLengthCodec(int length) {
		super(CodecKind.FIXED_LENGTH);
		this.length = length;
	}

	@Override
	public Framer framer(int maxMessageSize) {
		return Framers.fixedLength(this.length);
	}

	@Override
	public int maxPayload() {
		return this.length;
	}

	@Override
	public int minPayload() {
		return this.length;
	}

	@Override
	int framedLength(int length) {
		return this.length;
	}

	@Override
	void writeHeader(ByteBuf out, int length) {
	}

	@Override
	void writeTrailer(ByteBuf out, int length) {
		out.writeZero(this.length - length);
	}

}
