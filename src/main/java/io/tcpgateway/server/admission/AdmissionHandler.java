package io.tcpgateway.server.admission;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.tcpgateway.server.view.RejectReason;
import org.jspecify.annotations.Nullable;

/**
 * Early in each connection's pipeline: admits it at accept (or refuses it before any byte is
 * read) and, while its PROXY header or TLS handshake is outstanding, closes it when the
 * handshake timeout expires.
 */
final class AdmissionHandler extends ChannelInboundHandlerAdapter {

	private final ConnectionAdmission admission;

	private final boolean handshakes;

	private @Nullable ScheduledFuture<?> deadline;

	AdmissionHandler(ConnectionAdmission admission, boolean handshakes) {
		this.admission = admission;
		this.handshakes = handshakes;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		RejectReason refused = this.admission.accepted(ctx.channel());
		if (refused != null) {
			this.admission.refuse(ctx, (java.net.InetSocketAddress) ctx.channel().remoteAddress(), refused);
			return;
		}
		if (this.handshakes) {
			long timeout = this.admission.policy().handshakeTimeout().toNanos();
			this.deadline = ctx.executor().schedule(() -> this.admission.handshakeTimedOut(ctx), timeout,
					TimeUnit.NANOSECONDS);
		}
		ctx.fireChannelActive();
	}

	/** The handshakes are done: no deadline any more. */
	void established() {
		cancelDeadline();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelDeadline();
		ctx.fireChannelInactive();
	}

	private void cancelDeadline() {
		if (this.deadline != null) {
			this.deadline.cancel(false);
			this.deadline = null;
		}
	}

}
