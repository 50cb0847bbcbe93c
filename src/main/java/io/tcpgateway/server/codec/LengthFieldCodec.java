package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;

/**
 * Framing by a length field ({@link LengthField}): the {@code length-header-*} codecs and
 * {@code length-field}. When the message is what follows the length field, a reply gets a
 * header built the same way (the start bytes, then its length); when the message is the whole
 * frame, a reply is a whole frame already and is written as it is.
 */
final class LengthFieldCodec extends Codec {

	private final LengthField field;

	LengthFieldCodec(CodecKind kind, LengthField field) {
		super(kind);
		this.field = field;
	}

	@Override
	public Framer framer(int maxMessageSize) {
		return new LengthFieldFrameDecoder(this.field, maxMessageSize);
	}

	@Override
	public int maxPayload() {
		long afterField = Math.min(this.field.maxValue(), LARGEST_FRAME) + this.field.adjustment();
		long message = afterField + this.field.headerLength() - this.field.strip();
		return (int) Math.max(0, Math.min(message, LARGEST_FRAME - this.field.headerLength()));
	}

	@Override
	public int minPayload() {
		return shortestAfterField() + this.field.headerLength() - this.field.strip();
	}

	@Override
	int minReply() {
		return this.field.stripsHeader() ? shortestAfterField() : 0;
	}

	/** The field's value cannot be negative, nor can it announce fewer bytes than none. */
	private int shortestAfterField() {
		return Math.max(0, this.field.adjustment());
	}

	@Override
	int framedLength(int length) {
		return this.field.stripsHeader() ? this.field.headerLength() + length : length;
	}

	@Override
	void writeHeader(ByteBuf out, int length) {
		if (this.field.stripsHeader()) {
			out.writeBytes(this.field.start());
			this.field.encoding()
				.write(out, (long) length - this.field.adjustment(), this.field.length(), this.field.byteOrder().order());
		}
	}

	@Override
	void writeTrailer(ByteBuf out, int length) {
	}

}
