package io.tcpgateway.server.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;

/**
 * Looks at a connection's first bytes. A PROXY v1 or v2 signature hands over to Netty's
 * {@code HAProxyMessageDecoder}; anything else has no header, which {@link ProxyHeaderHandler}
 * accepts or refuses by mode. Unlike {@code HAProxyMessageDecoder}, which waits for 13 bytes
 * before it decides, it decides as soon as the bytes diverge from both signatures, so a short
 * request such as {@code PING} is neither held (optional) nor left waiting for a timeout (v1, v2).
 */
class ProxyHeaderDetector extends ByteToMessageDecoder {

	private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private final ProxyHeaderHandler headerHandler;

	ProxyHeaderDetector(ProxyHeaderHandler headerHandler) {
		this.headerHandler = headerHandler;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		boolean v1 = startsLike(in, V1_SIGNATURE);
		boolean v2 = startsLike(in, V2_SIGNATURE);
		if (v1 && in.readableBytes() >= V1_SIGNATURE.length || v2 && in.readableBytes() >= V2_SIGNATURE.length) {
			ctx.pipeline().replace(this, "proxyDecoder", new HAProxyMessageDecoder());
		}
		else if (!v1 && !v2) {
			ChannelHandlerContext headerContext = ctx.pipeline().context(this.headerHandler);
			this.headerHandler.noHeader(headerContext);
			if (ctx.channel().isActive()) {
				// removing this decoder passes the bytes it holds on, after the event above
				ctx.pipeline().remove(this);
			}
			else {
				in.skipBytes(in.readableBytes());
			}
		}
	}

	/** Whether the readable bytes agree with the signature as far as both go. */
	private static boolean startsLike(ByteBuf in, byte[] signature) {
		int n = Math.min(in.readableBytes(), signature.length);
		for (int i = 0; i < n; i++) {
			if (in.getByte(in.readerIndex() + i) != signature[i]) {
				return false;
			}
		}
		return true;
	}

}
