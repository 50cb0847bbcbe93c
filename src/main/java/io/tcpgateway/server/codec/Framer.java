package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import org.jspecify.annotations.Nullable;

/**
 * Cuts one message frame at a time off the front of a connection's buffered input. Keeps its
 * own state between calls (a line decoder remembers how far it searched), so each connection
 * has its own.
 */
public interface Framer {

	/**
	 * The next frame, framing removed: a {@code ByteBuf}, or a {@code ByteBufHolder} of one that
	 * says more about it ({@link BareLine}); {@code null} when {@code in} holds no complete frame
	 * yet. Consumes what it returns (and what it discards); never more.
	 * @param ctx the context of the handler that calls it: where a framer reports a frame too
	 * long without throwing (Netty's line decoder does)
	 * @throws io.netty.handler.codec.TooLongFrameException past the maximum message size
	 * @throws io.netty.handler.codec.CorruptedFrameException for a frame the codec cannot parse
	 */
	@Nullable Object next(ChannelHandlerContext ctx, ByteBuf in) throws Exception;

}
