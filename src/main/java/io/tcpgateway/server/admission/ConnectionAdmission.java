package io.tcpgateway.server.admission;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.proxy.ProxyRejections;
import io.tcpgateway.server.view.RejectReason;
import io.tcpgateway.server.view.TrafficRecorder;
import org.jspecify.annotations.Nullable;

/**
 * Who may open a connection on one listener, and how a refusal looks. Two steps:
 * <ul>
 * <li>at accept, by the TCP peer: a PROXY listener's peer must be a trusted proxy; the
 * connection takes its place in the open-file budget and {@code max-connections}, and, for a
 * peer that is not a trusted proxy, in its per-client limits; until its PROXY header and TLS
 * handshake are done, {@code handshake-timeout} bounds the wait;</li>
 * <li>once the real client is known: the allow-list, and for a client named by a trusted proxy,
 * its per-client limits.</li>
 * </ul>
 * Each refusal is counted ({@code tcp.server.connections.rejected{reason}}) and logged at most
 * once per reason and interval; so is a client admitted without per-client limits because the
 * listener's table of clients is full ({@code tcp.server.clients.untracked}). A connection over
 * a count limit is told {@code ERR server busy} (on plain TCP; a TLS client is only closed).
 */
public final class ConnectionAdmission implements ProxyRejections {

	private static final String BUSY = "ERR server busy";

	/** The user event a connection is told before the handshake timeout closes it. */
	public static final Object HANDSHAKE_TIMED_OUT = new Object() {
		@Override
		public String toString() {
			return "HANDSHAKE_TIMED_OUT";
		}
	};

	private final String listener;

	private final AdmissionPolicy policy;

	private final ProxyProtocol proxyProtocol;

	private final boolean tls;

	private final Codec codec;

	private final DescriptorBudget budget;

	private final Supplier<TrafficRecorder> recorder;

	private final LongSupplier nanoClock;

	private final @Nullable ClientTable clients;

	private final RefusalLog refusals;

	/** Connections accepted and not yet closed, handshaking ones included. */
	private final AtomicInteger active = new AtomicInteger();

	/**
	 * Gives a closed connection's places back; one listener shared by every connection, so that a
	 * connection's close future holds a single listener and no per-connection lambda.
	 */
	private final ChannelFutureListener releasePlaces = this::releasePlaces;

	/** As {@link #releasePlaces}, for a connection the open-file budget had no place for. */
	private final ChannelFutureListener releaseActive = this::releaseActive;

	public ConnectionAdmission(String listener, AdmissionPolicy policy, ProxyProtocol proxyProtocol, boolean tls,
			Codec codec, DescriptorBudget budget, Supplier<TrafficRecorder> recorder, LongSupplier nanoClock) {
		this.listener = listener;
		this.policy = policy;
		this.proxyProtocol = proxyProtocol;
		this.tls = tls;
		this.codec = codec;
		this.budget = budget;
		this.recorder = recorder;
		this.nanoClock = nanoClock;
		this.clients = policy.tracksClients() ? new ClientTable(policy.maxConnectionsPerClient(),
				policy.maxConnectionRatePerClient(), policy.maxTrackedClients(), nanoClock) : null;
		this.refusals = new RefusalLog(listener, nanoClock);
	}

	/** Puts the accept-time check first in a new connection's pipeline (after the byte counter). */
	public void addTo(ChannelPipeline pipeline) {
		pipeline.addLast("admission", new AdmissionHandler(this, needsHandshake()));
	}

	/** The handler of the listening channel: backs off when accepting fails. */
	public ChannelHandler acceptBackoff() {
		return new AcceptBackoff(this.listener, this.nanoClock);
	}

	private boolean needsHandshake() {
		return this.tls || this.proxyProtocol != ProxyProtocol.OFF;
	}

	/** At accept: counts the connection from now until it closes, or says why not. */
	@Nullable RejectReason accepted(Channel channel) {
		InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
		boolean trustedPeer = this.policy.trustedProxies().contains(peer);
		if (!trustedPeer && (this.proxyProtocol == ProxyProtocol.V1 || this.proxyProtocol == ProxyProtocol.V2)) {
			return RejectReason.UNTRUSTED_PROXY;
		}
		int max = this.policy.maxConnections();
		int current;
		do {
			current = this.active.get();
			if (max > 0 && current >= max) {
				return RejectReason.MAX_CONNECTIONS;
			}
		}
		while (!this.active.compareAndSet(current, current + 1));
		if (!this.budget.tryTake()) {
			channel.closeFuture().addListener(this.releaseActive);
			return RejectReason.MAX_CONNECTIONS;
		}
		channel.closeFuture().addListener(this.releasePlaces);
		if (this.proxyProtocol != ProxyProtocol.OFF && trustedPeer) {
			// the balancer is not the client: its clients are counted once the header names them
			return null;
		}
		return countClient(channel, peer);
	}

	private void releasePlaces(ChannelFuture closed) {
		this.active.decrementAndGet();
		this.budget.release();
	}

	private void releaseActive(ChannelFuture closed) {
		this.active.decrementAndGet();
	}

	/**
	 * The real client is known (after its PROXY header, if any): the allow-list, and the
	 * per-client limits of a client a trusted proxy named.
	 */
	public @Nullable RejectReason identified(Channel channel, InetSocketAddress client) {
		if (!this.policy.allowedClients().allows(client)) {
			return RejectReason.NOT_ALLOWED;
		}
		if (this.proxyProtocol != ProxyProtocol.OFF
				&& this.policy.trustedProxies().contains((InetSocketAddress) channel.remoteAddress())) {
			return countClient(channel, client);
		}
		return null;
	}

	private @Nullable RejectReason countClient(Channel channel, InetSocketAddress client) {
		ClientTable table = this.clients;
		if (table == null) {
			return null;
		}
		ClientTable.Verdict verdict = table.take(client.getAddress(), true);
		if (verdict == ClientTable.Verdict.COUNTED) {
			channel.closeFuture().addListener((closed) -> table.release(client.getAddress()));
		}
		else if (verdict == ClientTable.Verdict.UNTRACKED) {
			this.recorder.get().clientUntracked();
			this.refusals.untracked(client, "every client tracked has connections open (max-tracked-clients "
					+ this.policy.maxTrackedClients() + ")");
		}
		return verdict.refusal();
	}

	/**
	 * The connection's PROXY header and TLS handshake are done: the handshake deadline is off, and
	 * the admission handler, which has nothing left to do, leaves the pipeline (one handler less
	 * per open connection).
	 */
	public void established(Channel channel) {
		AdmissionHandler handler = channel.pipeline().get(AdmissionHandler.class);
		if (handler != null) {
			handler.established();
			channel.pipeline().remove(handler);
		}
	}

	/** Counts and logs the refusal; a client over a count limit on plain TCP is told the server is busy. */
	public void refuse(ChannelHandlerContext ctx, InetSocketAddress client, RejectReason reason) {
		this.recorder.get().connectionRejected(reason);
		this.refusals.refused(reason, client, describe(reason));
		ctx.channel().config().setAutoRead(false);
		boolean busy = reason == RejectReason.MAX_CONNECTIONS || reason == RejectReason.PER_CLIENT_LIMIT;
		if (busy && !this.tls) {
			ctx.writeAndFlush(this.codec.encode(ctx.alloc(), BUSY)).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			ctx.close();
		}
	}

	/** No PROXY header or TLS handshake in time. */
	void handshakeTimedOut(ChannelHandlerContext ctx) {
		this.recorder.get().connectionRejected(RejectReason.HANDSHAKE_TIMEOUT);
		this.refusals.refused(RejectReason.HANDSHAKE_TIMEOUT, ctx.channel().remoteAddress(),
				"no PROXY header or TLS handshake within " + this.policy.handshakeTimeout().toMillis() + " ms");
		ctx.fireUserEventTriggered(HANDSHAKE_TIMED_OUT);
		ctx.close();
	}

	@Override
	public void rejected(Channel channel, RejectReason reason, String why) {
		this.recorder.get().connectionRejected(reason);
		this.refusals.refused(reason, channel.remoteAddress(), why);
	}

	private String describe(RejectReason reason) {
		return switch (reason) {
			case MAX_CONNECTIONS -> "the listener or the process is at its connection limit ("
					+ ((this.policy.maxConnections() > 0) ? "max-connections " + this.policy.maxConnections() + ", " : "")
					+ "open-file budget " + this.budget.connections() + ")";
			case NOT_ALLOWED -> "not in allowed-clients";
			case UNTRUSTED_PROXY -> "a PROXY listener's peer outside trusted-proxies";
			case PER_CLIENT_LIMIT -> this.policy.maxConnectionsPerClient() + " connections already open from this "
					+ "client (max-connections-per-client)";
			case CONNECTION_RATE -> "more than " + this.policy.maxConnectionRatePerClient()
					+ " new connections per second from this client (max-connection-rate-per-client)";
			default -> reason.propertyValue();
		};
	}

	/** Connections open now, handshaking ones included. */
	public int active() {
		return this.active.get();
	}

	AdmissionPolicy policy() {
		return this.policy;
	}

}
