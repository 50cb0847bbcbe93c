package io.tcpgateway.server.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A line of the {@code lf} codec that ended with a bare LF (no CR before it): its content, framing
 * removed. Replies to it end with LF too, as its client expects (see
 * {@code tcp.server.line-ending}); a line that ended with CRLF is handed on as a plain buffer.
 */
public final class BareLine extends DefaultByteBufHolder {

	BareLine(ByteBuf content) {
		super(content);
	}

}
