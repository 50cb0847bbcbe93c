package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.jspecify.annotations.Nullable;

/**
 * Netty's {@link LineBasedFrameDecoder}, line ending stripped, failing fast, with room for a CR
 * whose LF has not arrived yet (see {@link DelimiterFrameDecoder}).
 */
class LineFrameDecoder extends LineBasedFrameDecoder {

	private final int maxLength;

	LineFrameDecoder(int maxLength) {
		super(maxLength + 1, true, true);
		this.maxLength = maxLength;
	}

	@Override
	protected @Nullable Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
		return DelimiterFrameDecoder.atMost(this.maxLength, super.decode(ctx, buffer));
	}

}
