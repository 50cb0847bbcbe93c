package io.tcpgateway.server.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Follows Netty's {@code HAProxyMessageDecoder}: turns the decoded PROXY header into the
 * {@link ClientAddress}, then leaves the pipeline and lets the handlers after it see the channel
 * become active. A missing, malformed or wrong-version header refuses the connection. A
 * {@code LOCAL} header (the balancer's own health check) keeps the peer address.
 */
class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

	/** How long a client has to send its PROXY header. */
	private static final long HEADER_TIMEOUT_SECONDS = 10;

	private final ProxyProtocol mode;

	private final ProxyRejections rejections;

	private @Nullable ScheduledFuture<?> timeout;

	private boolean rejected;

	ProxyHeaderHandler(ProxyProtocol mode, ProxyRejections rejections) {
		this.mode = mode;
		this.rejections = rejections;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		// held back until the client is known: see identified()
		this.timeout = ctx.executor()
			.schedule(() -> reject(ctx, "no PROXY header within " + HEADER_TIMEOUT_SECONDS + " s"),
					HEADER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HAProxyMessage header)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			if (!versionAccepted(header.protocolVersion())) {
				reject(ctx, "PROXY " + header.protocolVersion() + " header where " + this.mode.propertyValue()
						+ " is configured");
				return;
			}
			identified(ctx, clientAddress(header, (InetSocketAddress) ctx.channel().remoteAddress()));
		}
		finally {
			header.release();
		}
	}

	/**
	 * The client's first bytes are no PROXY header: with {@code optional} the peer is the
	 * client, otherwise the connection is refused.
	 */
	void noHeader(ChannelHandlerContext ctx) {
		if (this.mode == ProxyProtocol.OPTIONAL) {
			identified(ctx, (InetSocketAddress) ctx.channel().remoteAddress());
		}
		else {
			reject(ctx, "no PROXY header");
		}
	}

	private void identified(ChannelHandlerContext ctx, InetSocketAddress client) {
		cancelTimeout();
		ClientAddress.set(ctx.channel(), client);
		ctx.pipeline().remove(this);
		ctx.fireChannelActive();
	}

	private boolean versionAccepted(HAProxyProtocolVersion version) {
		return switch (this.mode) {
			case V1 -> version == HAProxyProtocolVersion.V1;
			case V2 -> version == HAProxyProtocolVersion.V2;
			default -> true;
		};
	}

	private static InetSocketAddress clientAddress(HAProxyMessage header, InetSocketAddress peer) {
		boolean proxied = header.command() == HAProxyCommand.PROXY
				&& (header.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
						|| header.proxiedProtocol() == HAProxyProxiedProtocol.TCP6);
		if (!proxied || header.sourceAddress() == null) {
			return peer;
		}
		try {
			// an IP literal: no name lookup happens
			return new InetSocketAddress(InetAddress.getByName(header.sourceAddress()), header.sourcePort());
		}
		catch (UnknownHostException ex) {
			return peer;
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		reject(ctx, "malformed PROXY header (" + cause.getMessage() + ")");
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelTimeout();
		ctx.fireChannelInactive();
	}

	private void reject(ChannelHandlerContext ctx, String why) {
		cancelTimeout();
		if (!this.rejected) {
			this.rejected = true;
			this.rejections.rejected(ctx.channel(), why);
		}
		ctx.channel().config().setAutoRead(false);
		ctx.close();
	}

	private void cancelTimeout() {
		if (this.timeout != null) {
			this.timeout.cancel(false);
			this.timeout = null;
		}
	}

}
