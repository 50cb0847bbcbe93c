package io.tcpgateway.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * The client side of the push benchmark ({@code bench/push.sh}), against tcp-gateway with the
 * bench plugin ({@code PUSHBURST}) on its loader path. N connections each log in with a key of
 * their own ({@code LOGIN <prefix><i>}); a control connection then asks for a warm-up burst and a
 * measured one, which the plugin pushes through the {@code TcpPush} bean inside the server. Every
 * pushed frame is checked: it must be {@code <own key> <n>} with n one more than the last, so a
 * lost, doubled, reordered or misrouted frame is counted as bad. After each burst the clients
 * must have received exactly the frames the server reports written. On 127.0.0.1 only; one event
 * loop thread carries every connection.
 * <p>
 * Prints one line: {@code pushes_per_s=… written=… received=… refused=… not_connected=… bad=…
 * logged_in=… conns=… window=… secs=… srv_cpu_us_per_push=…}, the rate and CPU of the measured
 * burst; exits 1 unless every frame was verified.
 * <p>
 * Usage: {@code PushClients --port=P [--connections=1000] [--warmup=5] [--duration=10]
 * [--window=8] [--server-pid=PID] [--timeout-ms=10000]}
 */
public final class PushClients {

	private static final int OPENING_AT_ONCE = 64;

	private static final Pattern DONE = Pattern
		.compile("DONE written=(\\d+) refused=(\\d+) not_connected=(\\d+) secs=([0-9.]+)");

	/** One burst as the plugin reports it. */
	private record Burst(long written, long refused, long notConnected, double secs) {

		static final Burst NONE = new Burst(0, 0, 0, 0);

		static Burst of(String done) {
			Matcher matcher = DONE.matcher(done);
			if (!matcher.matches()) {
				throw new IllegalStateException("the server answered " + done);
			}
			return new Burst(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
					Long.parseLong(matcher.group(3)), Double.parseDouble(matcher.group(4)));
		}

	}

	/**
	 * What to run: {@code window} pushes in flight per key (keep it below the server's
	 * {@code max-pending-pushes}, 32 by default, or pushes are refused).
	 */
	public record Options(int port, int connections, double warmupSecs, double durationSecs, int window,
			long serverPid, long timeoutMs) {

		public Options {
			if (port <= 0 || connections <= 0 || warmupSecs < 0 || durationSecs <= 0 || window <= 0
					|| timeoutMs <= 0) {
				throw new IllegalArgumentException(
						"port, connections, duration, window and timeout-ms must be positive, warmup not negative");
			}
		}

		public static Options of(int port, int connections, double warmupSecs, double durationSecs) {
			return new Options(port, connections, warmupSecs, durationSecs, 8, -1, 10_000);
		}

		static Options parse(String... args) {
			Map<String, String> given = CommandLineOptions.parse(
					Set.of("port", "connections", "warmup", "duration", "window", "server-pid",
					"timeout-ms"), args);
			return new Options(Integer.parseInt(given.get("port")),
					Integer.parseInt(given.getOrDefault("connections", "1000")),
					Double.parseDouble(given.getOrDefault("warmup", "5")),
					Double.parseDouble(given.getOrDefault("duration", "10")),
					Integer.parseInt(given.getOrDefault("window", "8")),
					Long.parseLong(given.getOrDefault("server-pid", "-1")),
					Long.parseLong(given.getOrDefault("timeout-ms", "10000")));
		}

	}

	/**
	 * What the run saw: the measured burst's {@code written} (and its rate and server CPU), and
	 * over both bursts what was written, received, refused, not connected and bad.
	 */
	public record Result(long measuredWritten, double measuredSecs, double serverCpuUsPerPush, long written,
			long received, long refused, long notConnected, long bad, int loggedIn, int connections, int window) {

		public double pushesPerSecond() {
			return (this.measuredSecs > 0) ? this.measuredWritten / this.measuredSecs : 0;
		}

		/** Every client logged in and got exactly the frames written, each in its place. */
		public boolean verified() {
			return this.loggedIn == this.connections && this.bad == 0 && this.refused == 0 && this.notConnected == 0
					&& this.received == this.written && this.measuredWritten > 0;
		}

		public String line() {
			return String.format(Locale.ROOT,
					"pushes_per_s=%.0f written=%d received=%d refused=%d not_connected=%d bad=%d logged_in=%d "
							+ "conns=%d window=%d secs=%.2f srv_cpu_us_per_push=%.2f",
					pushesPerSecond(), this.written, this.received, this.refused, this.notConnected, this.bad,
					this.loggedIn, this.connections, this.window, this.measuredSecs, this.serverCpuUsPerPush);
		}

	}

	private final Options options;

	/** Keys unique to this run: the plugin numbers each key's frames across the server's life. */
	private final String prefix = "push" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";

	private final EventLoopGroup group = ClientIo.newSingleThreadGroup();

	/** Counts down as each receiver has logged in or failed to. */
	private final CountDownLatch settled;

	// the event loop's alone, but for the reads of the waiting thread
	private volatile int loggedIn;

	private volatile long received;

	private volatile long bad;

	private volatile int opened;

	private volatile CompletableFuture<String> burst = new CompletableFuture<>();

	private PushClients(Options options) {
		this.options = options;
		this.settled = new CountDownLatch(options.connections());
	}

	public static void main(String[] args) throws Exception {
		Result result = run(Options.parse(args));
		System.out.println(result.line());
		System.exit(result.verified() ? 0 : 1);
	}

	/** Runs both bursts and returns what was seen; every wait is bounded. */
	public static Result run(Options options) throws Exception {
		PushClients clients = new PushClients(options);
		try {
			return clients.measure();
		}
		finally {
			ClientIo.shutdown(clients.group);
		}
	}

	private Result measure() throws Exception {
		this.group.execute(() -> {
			for (int i = 0; i < OPENING_AT_ONCE; i++) {
				openNext();
			}
		});
		this.settled.await(this.options.timeoutMs() + this.options.connections() * 10L, TimeUnit.MILLISECONDS);
		Channel control = connect(new Control()).sync().channel();
		Burst warmup = (this.options.warmupSecs() > 0) ? burst(control, this.options.warmupSecs()) : Burst.NONE;
		awaitUntil(() -> this.received + this.bad >= warmup.written());
		long cpuBefore = Tally.cpuMicros(this.options.serverPid());
		Burst measured = burst(control, this.options.durationSecs());
		long cpuAfter = Tally.cpuMicros(this.options.serverPid());
		long written = warmup.written() + measured.written();
		awaitUntil(() -> this.received + this.bad >= written);
		control.close().sync();
		double cpuPerPush = (cpuBefore < 0 || cpuAfter < 0 || measured.written() == 0) ? -1
				: (double) (cpuAfter - cpuBefore) / measured.written();
		return new Result(measured.written(), measured.secs(), cpuPerPush, written, this.received,
				warmup.refused() + measured.refused(), warmup.notConnected() + measured.notConnected(), this.bad,
				this.loggedIn, this.options.connections(), this.options.window());
	}

	/** Asks for one burst and waits for the plugin's {@code DONE} line. */
	private Burst burst(Channel control, double secs) throws Exception {
		this.burst = new CompletableFuture<>();
		control.writeAndFlush(ByteBufUtil.writeAscii(control.alloc(), String.format(Locale.ROOT,
				"PUSHBURST %s %d %.3f %d\n", this.prefix, this.options.connections(), secs, this.options.window())))
			.sync();
		return Burst.of(this.burst.get((long) (secs * 1000) + 60_000 + this.options.timeoutMs(), TimeUnit.MILLISECONDS));
	}

	/** Waits, bounded, for frames still on their way. */
	private void awaitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.options.timeoutMs());
		while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
			Thread.sleep(10);
		}
	}

	private ChannelFuture connect(SimpleChannelInboundHandler<ByteBuf> handler) {
		return ClientIo.bootstrap(this.group, this.options.timeoutMs(), new ChannelInitializer<>() {
			@Override
			protected void initChannel(Channel ch) {
				ch.pipeline().addLast(new LineBasedFrameDecoder(1024), handler);
			}
		}).connect(new InetSocketAddress("127.0.0.1", this.options.port()));
	}

	/** On the event loop: opens the next receiver, if any is left. */
	private void openNext() {
		if (this.opened >= this.options.connections()) {
			return;
		}
		Receiver receiver = new Receiver(this.prefix + this.opened);
		this.opened++;
		connect(receiver).addListener((ChannelFuture connect) -> {
			if (!connect.isSuccess()) {
				receiver.settle();
			}
		});
	}

	/** One device: logs in with its key, then checks every frame pushed to it. */
	private final class Receiver extends SimpleChannelInboundHandler<ByteBuf> {

		private final String key;

		private boolean loggedIn;

		private boolean settled;

		private long last;

		Receiver(String key) {
			this.key = key;
		}

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), "LOGIN " + this.key + "\n"), ctx.voidPromise());
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
			String text = frame.toString(StandardCharsets.US_ASCII);
			if (!this.loggedIn) {
				this.loggedIn = text.equals("OK " + this.key);
				if (this.loggedIn) {
					PushClients.this.loggedIn++;
				}
				else {
					ctx.close();
				}
				settle();
				return;
			}
			if (text.startsWith(this.key) && text.length() > this.key.length() + 1
					&& text.charAt(this.key.length()) == ' '
					&& text.substring(this.key.length() + 1).equals(Long.toString(this.last + 1))) {
				this.last++;
				PushClients.this.received++;
			}
			else {
				PushClients.this.bad++;
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			settle();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

		/** Logged in or failed, once: the next connection opens. */
		void settle() {
			if (!this.settled) {
				this.settled = true;
				PushClients.this.settled.countDown();
				openNext();
			}
		}

	}

	/** The connection that asks for bursts and is told when each is done. */
	private final class Control extends SimpleChannelInboundHandler<ByteBuf> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
			String text = frame.toString(StandardCharsets.US_ASCII);
			if (!text.equals("OK pushing")) {
				PushClients.this.burst.complete(text);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			PushClients.this.burst.complete("closed");
		}

	}

}
