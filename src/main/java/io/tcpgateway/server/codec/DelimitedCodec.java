package io.tcpgateway.server.codec;

import java.util.function.IntFunction;

import io.netty.buffer.ByteBuf;

/**
 * Framing by markers: optional start bytes, the message, end bytes (none at all for
 * {@code raw}). A reply is framed the same way; a message cannot carry its own end marker.
 */
final class DelimitedCodec extends Codec {

	private final byte[] start;

	private final byte[] end;

	private final IntFunction<Framer> framer;

	/** Cut at {@code end}; a start byte is checked and dropped after the cut. */
	DelimitedCodec(CodecKind kind, byte[] start, byte[] end) {
		// the start byte stays in the frame cut at the end (+ start.length) to be checked and dropped
		this(kind, start, end, (start.length == 0) ? (max) -> new DelimiterFrameDecoder(max, end)
				: (max) -> Framers.startingWith(start[0], new DelimiterFrameDecoder(max + start.length, end)));
	}

	DelimitedCodec(CodecKind kind, byte[] start, byte[] end, IntFunction<Framer> framer) {
		super(kind);
		this.start = start;
		this.end = end;
		this.framer = framer;
	}

	@Override
	public Framer framer(int maxMessageSize) {
		return this.framer.apply(maxMessageSize);
	}

	@Override
	public int maxPayload() {
		return LARGEST_FRAME - this.start.length - this.end.length;
	}

	@Override
	int framedLength(int length) {
		return this.start.length + length + this.end.length;
	}

	@Override
	void writeHeader(ByteBuf out, int length) {
		out.writeBytes(this.start);
	}

	@Override
	void writeTrailer(ByteBuf out, int length) {
		out.writeBytes(this.end);
	}

}
