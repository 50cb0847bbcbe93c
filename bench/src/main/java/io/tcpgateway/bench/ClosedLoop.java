package io.tcpgateway.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.tcpgateway.bench.LoadGenerator.Mode;
import io.tcpgateway.bench.LoadGenerator.Options;
import io.tcpgateway.bench.LoadGenerator.Result;
import io.tcpgateway.bench.Tally.Error;

/**
 * Closed-loop ECHO load: each of N slots keeps exactly one request in flight, over a persistent
 * connection or a fresh connection per request. Everything runs on one event loop thread, so
 * the fields below need no locks. Phases: warm-up (connecting included), measured, done.
 */
final class ClosedLoop {

	private enum Phase {

		WARMUP, MEASURE, DONE

	}

	/** Longest wait for every slot to connect once before the warm-up clock starts. */
	private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

	/** Pause before reconnecting after an error, so a dead server is not hammered. */
	private static final long RECONNECT_DELAY_MS = 10;

	private final Options options;

	private final boolean connectPerRequest;

	private final EventLoopGroup group = ClientIo.newSingleThreadGroup();

	private final EventLoop loop = this.group.next();

	private final Tally tally;

	private final Slot[] slots;

	private final CountDownLatch connectedOnce;

	private final CompletableFuture<Result> result = new CompletableFuture<>();

	private Phase phase = Phase.WARMUP;

	ClosedLoop(Options options, boolean connectPerRequest) {
		this.options = options;
		this.connectPerRequest = connectPerRequest;
		this.tally = new Tally(options.serverPid());
		this.connectedOnce = new CountDownLatch(options.connections());
		this.slots = new Slot[options.connections()];
		for (int i = 0; i < this.slots.length; i++) {
			this.slots[i] = new Slot(i);
		}
	}

	Result run() throws Exception {
		try {
			this.loop.execute(() -> {
				for (Slot slot : this.slots) {
					slot.open();
				}
			});
			this.loop.scheduleAtFixedRate(this::expireTimeouts, 100, 100, TimeUnit.MILLISECONDS);
			// a server that never accepts shows up as connect errors in the measured window
			this.connectedOnce.await(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			long warmup = seconds(this.options.warmupSecs());
			long end = warmup + seconds(this.options.durationSecs());
			this.loop.schedule(this::startMeasuring, warmup, TimeUnit.NANOSECONDS);
			this.loop.schedule(this::finish, end, TimeUnit.NANOSECONDS);
			return this.result.get(end + seconds(30), TimeUnit.NANOSECONDS);
		}
		finally {
			ClientIo.shutdown(this.group);
		}
	}

	private static long seconds(double seconds) {
		return (long) (seconds * 1e9);
	}

	private void startMeasuring() {
		this.phase = Phase.MEASURE;
		this.tally.start();
	}

	private void finish() {
		if (this.phase == Phase.DONE) {
			return;
		}
		this.phase = Phase.DONE;
		this.tally.stop();
		this.result.complete(this.tally.result(
				this.connectPerRequest ? Mode.PER_REQUEST_CONNECT : Mode.PERSISTENT, this.slots.length, -1));
		for (Slot slot : this.slots) {
			slot.close();
		}
	}

	private void expireTimeouts() {
		long now = System.nanoTime();
		for (Slot slot : this.slots) {
			slot.expireIfLate(now, TimeUnit.MILLISECONDS.toNanos(this.options.timeoutMs()));
		}
	}

	/**
	 * One client: its request, its connection and the request in flight. Sharable only because
	 * a reconnect adds it to the next connection's pipeline; it is on one connection at a time.
	 */
	@Sharable
	private final class Slot extends SimpleChannelInboundHandler<ByteBuf> {

		private final EchoRequest request;

		private final Bootstrap bootstrap;

		private Channel channel;

		private long startedAt;

		/** Whether the request in flight (or connect) was started in the measured window. */
		private boolean measured;

		private boolean inFlight;

		private boolean connected;

		private boolean failed;

		Slot(int index) {
			this.request = new EchoRequest(index, ClosedLoop.this.options.payloadBytes(), ClosedLoop.this.options.verb());
			this.bootstrap = ClientIo.bootstrap(ClosedLoop.this.group, ClosedLoop.this.options.timeoutMs(),
					new ChannelInitializer<>() {
						@Override
						protected void initChannel(Channel ch) {
							ch.pipeline().addLast(new LineBasedFrameDecoder(65536), Slot.this);
						}
					});
		}

		void open() {
			if (ClosedLoop.this.phase == Phase.DONE) {
				return;
			}
			this.failed = false;
			if (ClosedLoop.this.connectPerRequest) {
				begin();
			}
			else {
				// a connect that fails counts as a failed request once measuring
				this.measured = ClosedLoop.this.phase == Phase.MEASURE;
			}
			this.bootstrap.connect(ClosedLoop.this.options.host(), ClosedLoop.this.options.port())
				.addListener((ChannelFuture connect) -> {
					if (!connect.isSuccess()) {
						fail(Error.CONNECT);
						reopen();
					}
				});
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			this.channel = ctx.channel();
			if (!this.connected) {
				this.connected = true;
				ClosedLoop.this.connectedOnce.countDown();
			}
			if (!ClosedLoop.this.connectPerRequest) {
				begin();
			}
			ctx.writeAndFlush(this.request.encode(ctx.alloc()), ctx.voidPromise());
		}

		private void begin() {
			this.request.next();
			this.startedAt = System.nanoTime();
			this.measured = ClosedLoop.this.phase == Phase.MEASURE;
			this.inFlight = true;
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf reply) {
			long now = System.nanoTime();
			if (!this.inFlight || !this.request.isEchoedBy(reply)) {
				fail(Error.BAD);
				return;
			}
			this.inFlight = false;
			if (this.measured && ClosedLoop.this.phase == Phase.MEASURE) {
				ClosedLoop.this.tally.ok(now - this.startedAt);
				stopAtRequestCap();
			}
			if (ClosedLoop.this.connectPerRequest) {
				ctx.close();
			}
			else if (ClosedLoop.this.phase != Phase.DONE) {
				begin();
				ctx.writeAndFlush(this.request.encode(ctx.alloc()), ctx.voidPromise());
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (this.inFlight) {
				fail(Error.CLOSED);
			}
			this.channel = null;
			reopen();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			fail((cause instanceof TooLongFrameException) ? Error.BAD : Error.CLOSED);
		}

		void expireIfLate(long now, long timeoutNanos) {
			// a pending connect has its own timeout (CONNECT_TIMEOUT_MILLIS)
			if (this.inFlight && this.channel != null && now - this.startedAt > timeoutNanos) {
				fail(Error.TIMEOUT);
			}
		}

		/** Counts the failure if it belongs to the measured window, and drops the connection. */
		private void fail(Error kind) {
			// a reset after a completed request is no failed request
			boolean request = this.inFlight || kind != Error.CLOSED;
			if (request && this.measured && ClosedLoop.this.phase == Phase.MEASURE) {
				ClosedLoop.this.tally.error(kind);
				stopAtRequestCap();
			}
			this.inFlight = false;
			this.failed = true;
			close();
		}

		private void reopen() {
			if (this.channel == null && ClosedLoop.this.phase != Phase.DONE) {
				ClosedLoop.this.loop.schedule(this::open, this.failed ? RECONNECT_DELAY_MS : 0, TimeUnit.MILLISECONDS);
			}
		}

		void close() {
			if (this.channel != null) {
				this.channel.close();
			}
		}

	}

	private void stopAtRequestCap() {
		if (this.tally.count() >= this.options.maxRequests()) {
			finish();
		}
	}

}
