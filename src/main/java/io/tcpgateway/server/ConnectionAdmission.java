package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tcpgateway.server.proxy.ProxyRejections;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Who may open a connection on one listener, and how a refusal looks: the allow-list on the
 * real client address, {@code max-connections}, and PROXY protocol refusals. Each refusal is
 * counted ({@code tcp.server.connections.rejected{reason}}) and logged once.
 */
final class ConnectionAdmission implements ProxyRejections {

	private static final Log log = LogFactory.getLog(ConnectionAdmission.class);

	private final ListenerSettings settings;

	private final Supplier<TrafficRecorder> recorder;

	/** Connections admitted and not yet closed. */
	private final AtomicInteger active = new AtomicInteger();

	ConnectionAdmission(ListenerSettings settings, Supplier<TrafficRecorder> recorder) {
		this.settings = settings;
		this.recorder = recorder;
	}

	/**
	 * Checks the allow-list, then counts the channel as active (until it closes) unless that
	 * would exceed max-connections.
	 * @param client the real client: the TCP peer, or the address a PROXY header named
	 * @return why the channel is refused, or {@code null} when it is admitted
	 */
	@Nullable RejectReason admit(Channel channel, InetSocketAddress client) {
		if (!this.settings.allowedClients().allows(client)) {
			return RejectReason.NOT_ALLOWED;
		}
		int max = this.settings.maxConnections();
		int current;
		do {
			current = this.active.get();
			if (max > 0 && current >= max) {
				return RejectReason.MAX_CONNECTIONS;
			}
		}
		while (!this.active.compareAndSet(current, current + 1));
		channel.closeFuture().addListener((closed) -> this.active.decrementAndGet());
		return null;
	}

	/** Counts and logs the refusal; a client over max-connections is told the server is busy. */
	void refuse(ChannelHandlerContext ctx, InetSocketAddress client, RejectReason reason) {
		this.recorder.get().connectionRejected(reason);
		ctx.channel().config().setAutoRead(false);
		if (reason == RejectReason.MAX_CONNECTIONS) {
			log.warn("Listener '" + this.settings.name() + "': refused " + client + ", " + this.settings.maxConnections()
					+ " connections already open (max-connections)");
			ctx.writeAndFlush(this.settings.codec().encode(ctx.alloc(), "ERR server busy"))
				.addListener(ChannelFutureListener.CLOSE);
		}
		else {
			log.warn("Listener '" + this.settings.name() + "': refused " + client + ", not in allowed-clients");
			ctx.close();
		}
	}

	@Override
	public void rejected(Channel channel, String why) {
		this.recorder.get().connectionRejected(RejectReason.PROXY_PROTOCOL);
		log.warn("Listener '" + this.settings.name() + "': refused " + channel.remoteAddress() + ": " + why);
	}

	/** Connections open now. */
	int active() {
		return this.active.get();
	}

}
