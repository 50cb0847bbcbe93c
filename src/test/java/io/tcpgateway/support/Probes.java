package io.tcpgateway.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Well-behaved clients beside an attack: each sends {@code PING} and waits for {@code PONG}, over
 * and over, on its own connection, and records how long each took; a failure is counted and the
 * client connects again.
 */
public final class Probes implements AutoCloseable {

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger connections = new AtomicInteger();

	private Probes() {
	}

	/** {@code count} clients probing 127.0.0.1:{@code port}, connected before this returns. */
	public static Probes start(int port, int count) throws InterruptedException {
		Probes probes = new Probes();
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> probes.probe(port), "probe-" + i);
			thread.setDaemon(true);
			probes.threads.add(thread);
			thread.start();
		}
		while (probes.connections.get() < count) {
			Thread.sleep(10);
		}
		return probes;
	}

	private void probe(int port) {
		boolean counted = false;
		while (this.running.get()) {
			try (TcpTestClient client = TcpTestClient.connect(port)) {
				if (!counted) {
					counted = true;
					this.connections.incrementAndGet();
				}
				while (this.running.get()) {
					long start = System.nanoTime();
					if (!"PONG".equals(client.request("PING"))) {
						throw new IOException("not PONG");
					}
					this.latencies.add(System.nanoTime() - start);
					Thread.sleep(5);
				}
			}
			catch (IOException ex) {
				this.failures.incrementAndGet();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** What the probes saw since the last call: requests, failures, p99 and the longest, in ms. */
	public Window window() {
		List<Long> seen = new ArrayList<>();
		for (Long latency = this.latencies.poll(); latency != null; latency = this.latencies.poll()) {
			seen.add(latency);
		}
		seen.sort(null);
		double p99 = seen.isEmpty() ? 0 : seen.get((int) Math.min(seen.size() - 1, Math.ceil(seen.size() * 0.99) - 1)) / 1e6;
		double max = seen.isEmpty() ? 0 : seen.get(seen.size() - 1) / 1e6;
		return new Window(seen.size(), this.failures.getAndSet(0), p99, max);
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(15_000);
		}
	}

	/** @param p99 milliseconds; {@code max} too */
	public record Window(int requests, int failures, double p99, double max) {

		@Override
		public String toString() {
			return String.format("%d requests, %d failed, p99 %.1f ms, max %.1f ms", this.requests, this.failures,
					this.p99, this.max);
		}

	}

}
