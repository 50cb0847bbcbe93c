package io.tcpgateway.security;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

/**
 * Closes an HTTP connection that has not delivered a request's complete headers within the
 * timeout, counted from the accept or from the end of the previous response. Unlike a read
 * timeout, which each byte restarts, this bounds a client that drips one header line at a time.
 * Placed right after the HTTP codec: it sees decoded requests come in and responses go out.
 */
final class HttpRequestHeaderDeadline extends ChannelDuplexHandler {

	private final long timeoutNanos;

	private final Runnable expired;

	/** Requests whose headers arrived and whose response is not yet written. */
	private int inProgress;

	private @Nullable ScheduledFuture<?> deadline;

	HttpRequestHeaderDeadline(long timeoutNanos, Runnable expired) {
		this.timeoutNanos = timeoutNanos;
		this.expired = expired;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			arm(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		arm(ctx);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest) {
			this.inProgress++;
			disarm();
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (!(msg instanceof LastHttpContent)) {
			ctx.write(msg, promise);
			return;
		}
		ChannelPromise written = promise.unvoid();
		written.addListener((future) -> {
			if (--this.inProgress == 0 && ctx.channel().isActive()) {
				arm(ctx);
			}
		});
		ctx.write(msg, written);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		disarm();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		disarm();
	}

	private void arm(ChannelHandlerContext ctx) {
		if (this.deadline == null) {
			this.deadline = ctx.executor().schedule(() -> {
				this.deadline = null;
				this.expired.run();
				ctx.close();
			}, this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		ScheduledFuture<?> armed = this.deadline;
		if (armed != null) {
			armed.cancel(false);
			this.deadline = null;
		}
	}

}
