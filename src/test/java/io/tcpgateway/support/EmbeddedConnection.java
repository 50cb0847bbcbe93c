package io.tcpgateway.support;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Netty's {@link EmbeddedChannel} as an accepted TCP connection: its peer is a real
 * {@link InetSocketAddress}, and the handlers are in place before the channel becomes active,
 * as they are when a server accepts.
 */
public final class EmbeddedConnection extends EmbeddedChannel {

	public static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

	public static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 9000);

	private final InetSocketAddress peer;

	private EmbeddedConnection(InetSocketAddress peer) {
		super(false, false);
		this.peer = peer;
	}

	/** A connection from {@link #PEER} through these handlers, active. */
	public static EmbeddedConnection of(ChannelHandler... handlers) {
		return from(PEER, handlers);
	}

	/**
	 * A connection from {@link #PEER} through handlers made for its channel (handlers that need
	 * the channel itself, such as a read gate), active.
	 */
	public static EmbeddedConnection of(Function<Channel, List<ChannelHandler>> handlers) {
		EmbeddedConnection channel = new EmbeddedConnection(PEER);
		channel.pipeline().addLast(handlers.apply(channel).toArray(ChannelHandler[]::new));
		return channel.registered();
	}

	public static EmbeddedConnection from(InetSocketAddress peer, ChannelHandler... handlers) {
		EmbeddedConnection channel = new EmbeddedConnection(peer);
		channel.pipeline().addLast(handlers);
		return channel.registered();
	}

	private EmbeddedConnection registered() {
		try {
			register();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	@Override
	protected SocketAddress remoteAddress0() {
		return this.peer;
	}

	@Override
	protected SocketAddress localAddress0() {
		return LOCAL;
	}

	/** Bytes as a buffer, for {@code writeInbound}. */
	public static ByteBuf bytes(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
	}

	public static ByteBuf bytes(byte... bytes) {
		return Unpooled.wrappedBuffer(bytes);
	}

	/** The next outbound buffer as text, released; {@code null} when none was written. */
	public String readOutboundText() {
		ByteBuf out = readOutbound();
		if (out == null) {
			return null;
		}
		try {
			return out.toString(StandardCharsets.UTF_8);
		}
		finally {
			out.release();
		}
	}

	/** The next inbound message (a frame, or a frame holder such as a bare line) as text, released; {@code null} when none passed. */
	public String readInboundText() {
		Object message = readInbound();
		if (message == null) {
			return null;
		}
		ByteBuf in = (message instanceof io.netty.buffer.ByteBufHolder holder) ? holder.content() : (ByteBuf) message;
		try {
			return in.toString(StandardCharsets.ISO_8859_1);
		}
		finally {
			in.release();
		}
	}

}
