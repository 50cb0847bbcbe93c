package io.tcpgateway.observability.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.server.view.ListenerView;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Samples each listener's meters once a second and keeps the last {@link #WINDOW_SAMPLES}, so
 * that the status page can show rates and percentiles over the last ten seconds whenever it is
 * asked, without counting anything on the request path itself. Pushes that found no connection
 * belong to no listener: they are sampled as the meters tagged {@code listener=none}.
 */
class StatusSampler implements SmartLifecycle {

	static final int WINDOW_SAMPLES = 11;

	private final MeterRegistry registry;

	private final List<ListenerView> listeners;

	private final LongSupplier nanoClock;

	private final Map<String, Deque<MeterSample>> samples = new HashMap<>();

	private @Nullable ScheduledExecutorService scheduler;

	StatusSampler(MeterRegistry registry, List<ListenerView> listeners, LongSupplier nanoClock) {
		this.registry = registry;
		this.listeners = listeners;
		this.nanoClock = nanoClock;
	}

	/** Takes one sample of every listener; the scheduler calls it each second. */
	synchronized void sample() {
		long now = this.nanoClock.getAsLong();
		for (ListenerView listener : this.listeners) {
			sample(listener.name(), now);
		}
		sample(ListenerView.NONE, now);
	}

	private void sample(String listener, long now) {
		Deque<MeterSample> window = this.samples.computeIfAbsent(listener, (name) -> new ArrayDeque<>());
		window.addLast(MeterSample.of(this.registry, listener, now));
		while (window.size() > WINDOW_SAMPLES) {
			window.removeFirst();
		}
	}

	/** The oldest and the newest sample of a listener, or {@code null} before it has two. */
	synchronized @Nullable Window window(String listener) {
		Deque<MeterSample> window = this.samples.get(listener);
		if (window == null || window.size() < 2) {
			return null;
		}
		return new Window(window.getFirst(), window.getLast());
	}

	/** Two samples of one listener, the rates between them. */
	record Window(MeterSample first, MeterSample last) {

		double seconds() {
			return (this.last.nanos() - this.first.nanos()) / 1e9;
		}

		/** Per second between the samples, of a count read from each. */
		double rate(ToDoubleFunction<MeterSample> count) {
			return rate(count.applyAsDouble(this.first), count.applyAsDouble(this.last));
		}

		double rate(double before, double after) {
			double seconds = seconds();
			return (seconds > 0) ? Math.max(0, after - before) / seconds : 0;
		}

		LatencyQuantiles latency() {
			return new LatencyQuantiles(this.first.latency(), this.last.latency());
		}

	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tcp-status-sampler");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleAtFixedRate(this::sampleQuietly, 0, 1, TimeUnit.SECONDS);
		this.scheduler = started;
	}

	private void sampleQuietly() {
		try {
			sample();
		}
		catch (RuntimeException ex) {
			// a failed sample leaves a gap in the rates; the next one goes on
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
