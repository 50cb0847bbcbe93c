package io.tcpgateway.server.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.security.CidrRanges;
import io.tcpgateway.server.view.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * Follows Netty's {@code HAProxyMessageDecoder}: turns the decoded PROXY header into the
 * {@link ClientAddress}, then leaves the pipeline and tells the handlers after it that the
 * client is known ({@link ClientAddress#IDENTIFIED}). A header is honoured only from a peer in
 * {@code trusted-proxies}; from any other it refuses the connection, and so does a missing,
 * malformed or wrong-version header, or one whose source is not a plain IP address. A
 * {@code LOCAL} header (the balancer's own health check) keeps the peer address. How long the
 * header may take is bounded by the listener's handshake timeout, from accept.
 */
class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {

	private final ProxyProtocol mode;

	private final CidrRanges trustedProxies;

	private final ProxyRejections rejections;

	private boolean rejected;

	ProxyHeaderHandler(ProxyProtocol mode, CidrRanges trustedProxies, ProxyRejections rejections) {
		this.mode = mode;
		this.trustedProxies = trustedProxies;
		this.rejections = rejections;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof HAProxyMessage header)) {
			ctx.fireChannelRead(msg);
			return;
		}
		try {
			InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
			if (!this.trustedProxies.contains(peer)) {
				reject(ctx, RejectReason.UNTRUSTED_PROXY, "a PROXY header from a peer outside trusted-proxies");
				return;
			}
			if (!versionAccepted(header.protocolVersion())) {
				reject(ctx, RejectReason.PROXY_PROTOCOL, "PROXY " + header.protocolVersion() + " header where "
						+ this.mode.propertyValue() + " is configured");
				return;
			}
			identifiedBy(ctx, header, peer);
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
			reject(ctx, RejectReason.PROXY_PROTOCOL, "no PROXY header");
		}
	}

	private void identified(ChannelHandlerContext ctx, InetSocketAddress client) {
		ClientAddress.set(ctx.channel(), client);
		ctx.pipeline().remove(this);
		ctx.fireUserEventTriggered(ClientAddress.IDENTIFIED);
	}

	private boolean versionAccepted(HAProxyProtocolVersion version) {
		return switch (this.mode) {
			case V1 -> version == HAProxyProtocolVersion.V1;
			case V2 -> version == HAProxyProtocolVersion.V2;
			default -> true;
		};
	}

	/**
	 * The client a trusted header names; a {@code LOCAL} header (the balancer's health check) or
	 * another protocol keeps the peer.
	 */
	private void identifiedBy(ChannelHandlerContext ctx, HAProxyMessage header, InetSocketAddress peer) {
		boolean proxied = header.command() == HAProxyCommand.PROXY
				&& (header.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
						|| header.proxiedProtocol() == HAProxyProxiedProtocol.TCP6);
		if (!proxied) {
			identified(ctx, peer);
			return;
		}
		String source = header.sourceAddress();
		InetSocketAddress client = clientAddress(source, header.sourcePort());
		if (client == null) {
			reject(ctx, RejectReason.PROXY_PROTOCOL, "a PROXY header whose source address "
					+ ControlCharacters.escape(source) + " is not a plain IP address");
			return;
		}
		identified(ctx, client);
	}

	/**
	 * The client at an IP literal Netty has validated, without a name lookup; {@code null} for
	 * one with a zone ({@code fe80::1%eth0}), which names an interface of the balancer's host.
	 */
	private static @Nullable InetSocketAddress clientAddress(String source, int port) {
		InetAddress address = (source.indexOf('%') < 0) ? NetUtil.createInetAddressFromIpAddressString(source) : null;
		return (address != null) ? new InetSocketAddress(address, port) : null;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// Netty's message quotes the header: the client's bytes
		reject(ctx, RejectReason.PROXY_PROTOCOL,
				"malformed PROXY header (" + ControlCharacters.escape(String.valueOf(cause.getMessage())) + ")");
	}

	private void reject(ChannelHandlerContext ctx, RejectReason reason, String why) {
		if (!this.rejected) {
			this.rejected = true;
			this.rejections.rejected(ctx.channel(), reason, why);
		}
		ctx.channel().config().setAutoRead(false);
		ctx.close();
	}

}
