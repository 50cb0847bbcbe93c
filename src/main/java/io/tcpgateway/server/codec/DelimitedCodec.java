package io.tcpgateway.server.codec;

import java.util.function.IntFunction;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Framing by markers: optional start bytes, the message, end bytes (none at all for
 * {@code raw}). A reply is framed the same way; a message cannot carry its own end marker.
 */
final class DelimitedCodec extends Codec {

	private final byte[] start;

	private final byte[] end;

	private final IntFunction<ByteToMessageDecoder> frameDecoder;

	/** Cut at {@code end}; a start byte is checked and dropped after the cut. */
	DelimitedCodec(CodecKind kind, byte[] start, byte[] end) {
		// the start byte stays in the frame (+ start.length) for FrameStartStripper to check and drop
		this(kind, start, end, (max) -> new DelimiterFrameDecoder(max + start.length, end));
	}

	DelimitedCodec(CodecKind kind, byte[] start, byte[] end, IntFunction<ByteToMessageDecoder> frameDecoder) {
		super(kind);
		this.start = start;
		this.end = end;
		this.frameDecoder = frameDecoder;
	}

	@Override
	ByteToMessageDecoder frameDecoder(int maxMessageSize) {
		return this.frameDecoder.apply(maxMessageSize);
	}

	@Override
	public void addTo(ChannelPipeline pipeline, int maxMessageSize) {
		super.addTo(pipeline, maxMessageSize);
		if (this.start.length > 0) {
			pipeline.addLast("frameStart", new FrameStartStripper(this.start[0]));
		}
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
