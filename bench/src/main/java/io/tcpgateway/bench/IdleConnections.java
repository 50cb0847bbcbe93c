package io.tcpgateway.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.tcpgateway.bench.LoadGenerator.Mode;
import io.tcpgateway.bench.LoadGenerator.Options;
import io.tcpgateway.bench.LoadGenerator.Result;
import io.tcpgateway.bench.Tally.Error;
import org.jspecify.annotations.Nullable;

/**
 * Opens N connections, each answering one PING, and holds them idle so that the server's memory
 * per connection can be sampled. Connections are opened a few at a time: the stock Spring
 * Integration server's accept backlog is 5, and an overflowing backlog would stall connects for
 * seconds. The latency recorded is connect plus PING.
 */
final class IdleConnections {

	private static final int OPENING_AT_ONCE = 16;

	/** Longest time to open every connection. */
	private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(2);

	private final Options options;

	private final EventLoopGroup group = ClientIo.newSingleThreadGroup();

	private final EventLoop loop = this.group.next();

	private final Tally tally = new Tally(-1);

	private final CountDownLatch done;

	/** Connections that answered their PING; event loop only. */
	private final List<Channel> idle = new ArrayList<>();

	private int opened;

	/** Where the client side binds ({@code --local-address}); {@code null}: the kernel picks. */
	private final @Nullable InetSocketAddress localAddress;

	IdleConnections(Options options) {
		this.options = options;
		this.done = new CountDownLatch(options.connections());
		this.localAddress = (options.localAddress() != null) ? new InetSocketAddress(options.localAddress(), 0)
				: null;
	}

	Result run() throws Exception {
		try {
			onLoop(() -> {
				this.tally.start();
				for (int i = 0; i < OPENING_AT_ONCE; i++) {
					openNext();
				}
				return null;
			});
			this.done.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			long ok = onLoop(() -> {
				this.tally.stop();
				return this.tally.ok();
			});
			System.out.println("READY ok=" + ok + " failed=" + (this.options.connections() - ok));
			System.out.flush();
			hold();
			return onLoop(() -> this.tally.result(Mode.IDLE, this.options.connections(),
					this.idle.stream().filter(Channel::isActive).count()));
		}
		finally {
			ClientIo.shutdown(this.group);
		}
	}

	/** Waits the hold time, or less if the release file appears. */
	private void hold() throws InterruptedException {
		long deadline = System.nanoTime() + (long) (this.options.holdSecs() * 1e9);
		while (System.nanoTime() < deadline
				&& (this.options.releaseFile() == null || !Files.exists(this.options.releaseFile()))) {
			Thread.sleep(50);
		}
	}

	private <T> T onLoop(Callable<T> task) throws Exception {
		return this.loop.submit(task).get(30, TimeUnit.SECONDS);
	}

	private void openNext() {
		if (this.opened >= this.options.connections()) {
			return;
		}
		this.opened++;
		Connection connection = new Connection();
		ClientIo.bootstrap(this.group, this.options.timeoutMs(), new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel ch) {
				ch.pipeline().addLast(new LineBasedFrameDecoder(1024), connection);
			}
		}).connect(new InetSocketAddress(this.options.host(), this.options.port()), this.localAddress)
			.addListener((ChannelFuture connect) -> {
				if (!connect.isSuccess()) {
					connection.settle(Error.CONNECT);
				}
			});
	}

	/** One connection: settled once, when its PING is answered or it fails; then the next opens. */
	private final class Connection extends SimpleChannelInboundHandler<ByteBuf> {

		private final long startedAt = System.nanoTime();

		private boolean settled;

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "PING\r\n"), ctx.voidPromise());
			ctx.executor().schedule(() -> {
				if (!this.settled) {
					settle(Error.TIMEOUT);
					ctx.close();
				}
			}, IdleConnections.this.options.timeoutMs(), TimeUnit.MILLISECONDS);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf reply) {
			if (this.settled) {
				return;
			}
			if (reply.toString(StandardCharsets.UTF_8).equals("PONG")) {
				IdleConnections.this.idle.add(ctx.channel());
				settle(null);
			}
			else {
				settle(Error.BAD);
				ctx.close();
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			settle(Error.CLOSED);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

		/** Records the outcome ({@code null}: answered) the first time only, and opens the next. */
		void settle(Error error) {
			if (this.settled) {
				return;
			}
			this.settled = true;
			if (error == null) {
				IdleConnections.this.tally.ok(System.nanoTime() - this.startedAt);
			}
			else {
				IdleConnections.this.tally.error(error);
			}
			IdleConnections.this.done.countDown();
			openNext();
		}

	}

}
