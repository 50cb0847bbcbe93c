package io.tcpgateway.server.admission;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * On the listening channel: when {@code accept()} fails (out of file descriptors, mostly),
 * stops accepting for {@value #PAUSE_MILLIS} ms instead of retrying in a busy loop, and logs at
 * most one line per {@value RefusalLog#INTERVAL_SECONDS} s with the number of failures it stands
 * for. Connections waiting meanwhile stay in the kernel's accept queue.
 */
final class AcceptBackoff extends ChannelInboundHandlerAdapter {

	static final long PAUSE_MILLIS = 1000;

	private static final Log log = LogFactory.getLog(AcceptBackoff.class);

	private final String listener;

	private final LongSupplier nanoClock;

	private final AtomicLong failures = new AtomicLong();

	private long loggedAt;

	private boolean paused;

	AcceptBackoff(String listener, LongSupplier nanoClock) {
		this.listener = listener;
		this.nanoClock = nanoClock;
		this.loggedAt = nanoClock.getAsLong() - RefusalLog.INTERVAL_SECONDS * 1_000_000_000L;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!(cause instanceof IOException)) {
			ctx.fireExceptionCaught(cause);
			return;
		}
		long failed = this.failures.incrementAndGet();
		long now = this.nanoClock.getAsLong();
		if (now - this.loggedAt >= RefusalLog.INTERVAL_SECONDS * 1_000_000_000L) {
			this.loggedAt = now;
			this.failures.set(0);
			log.warn("Listener '" + this.listener + "': accepting a connection failed (" + cause.getMessage() + "); "
					+ failed + " failure(s) in the last " + RefusalLog.INTERVAL_SECONDS + " s; pausing accepts for "
					+ PAUSE_MILLIS + " ms at a time. Raise the open-file limit (ulimit -n) or lower max-connections");
		}
		if (!this.paused) {
			this.paused = true;
			ctx.channel().config().setAutoRead(false);
			ctx.executor().schedule(() -> {
				this.paused = false;
				ctx.channel().config().setAutoRead(true);
			}, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	/** Whether accepting is paused now. */
	boolean paused() {
		return this.paused;
	}

}
