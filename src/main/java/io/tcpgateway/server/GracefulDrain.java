package io.tcpgateway.server;

import java.time.Duration;
import java.util.List;

import io.tcpgateway.server.view.ListenerView.MessageTotals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Drains the TCP listeners on shutdown, which {@code server.shutdown=graceful} does not cover:
 * first in the shutdown order (while the web server still answers health probes), after the
 * optional {@code tcp.server.shutdown-delay} during which readiness is DOWN but connections are
 * still accepted, each listener stops accepting; every request already read is answered;
 * each connection closes once it has nothing in progress. Bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}; whatever is still open then is closed
 * when the gateway stops. Ends with one summary line.
 */
public class GracefulDrain implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(GracefulDrain.class);

	/** The gateways start listening after every other component is up, and stop before them. */
	public static final int GATEWAY_PHASE = Integer.MAX_VALUE - 1000;

	/** Stops before the gateway and before the web server's graceful shutdown. */
	static final int PHASE = GATEWAY_PHASE + 500;

	private static final long POLL_MILLIS = 20;

	private final List<NettyServerConnectionFactory> listeners;

	private final Duration timeout;

	private final Duration shutdownDelay;

	private volatile boolean running;

	/**
	 * @param timeout {@code spring.lifecycle.timeout-per-shutdown-phase}
	 * @param shutdownDelay {@code tcp.server.shutdown-delay}
	 */
	public GracefulDrain(List<NettyServerConnectionFactory> listeners, Duration timeout, Duration shutdownDelay) {
		this.listeners = listeners;
		this.timeout = timeout;
		this.shutdownDelay = shutdownDelay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		drain();
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		Thread drainer = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "tcp-drain");
		drainer.start();
	}

	private void drain() {
		long start = System.nanoTime();
		// leave a margin inside the phase timeout to log the summary before Spring moves on
		long deadline = start + this.timeout.toNanos() * 9 / 10;
		if (!this.shutdownDelay.isZero()) {
			// readiness is already DOWN (the context is closing): keep accepting until the load
			// balancer has seen it, so no connect races the listener's close
			log.info("TCP drain: readiness is DOWN; accepting for " + this.shutdownDelay.toMillis()
					+ " ms more (tcp.server.shutdown-delay)");
			sleepUntil(Math.min(deadline, start + this.shutdownDelay.toNanos()));
		}
		int open = 0;
		for (NettyServerConnectionFactory listener : this.listeners) {
			listener.stopAccepting();
			open += listener.unclosedConnections();
		}
		for (NettyServerConnectionFactory listener : this.listeners) {
			listener.drainConnections();
		}
		int left = remaining();
		while (left > 0 && System.nanoTime() < deadline) {
			sleep();
			left = remaining();
		}
		long received = 0;
		long sent = 0;
		for (NettyServerConnectionFactory listener : this.listeners) {
			MessageTotals totals = listener.messageTotals();
			received += totals.received();
			sent += totals.sent();
		}
		log.info("TCP drain finished in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms: closed "
				+ (open - left) + " of " + open + " connections (" + left + " still open at the deadline); received "
				+ received + " messages, sent " + sent + " replies");
	}

	private int remaining() {
		return this.listeners.stream().mapToInt(NettyServerConnectionFactory::unclosedConnections).sum();
	}

	private static void sleep() {
		sleepUntil(System.nanoTime() + POLL_MILLIS * 1_000_000);
	}

	private static void sleepUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			try {
				Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
