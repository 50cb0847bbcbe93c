package io.tcpgateway.observability.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.search.Search;

/**
 * One listener's cumulative {@code tcp.server.*} counts at one moment: what two samples a few
 * seconds apart turn into rates and latency percentiles.
 *
 * @param latency request count at or below each latency bound in seconds, summed over the
 * listener's request timers (Prometheus histograms are cumulative since start)
 * @param pushed frames pushed, by outcome
 */
record MeterSample(long nanos, double opened, double received, double sent, Map<String, Double> errors,
		Map<String, Double> closed, Map<String, Double> rejected, TreeMap<Double, Double> latency,
		Map<String, Double> pushed) {

	static MeterSample of(MeterRegistry registry, String listener, long nanos) {
		return new MeterSample(nanos, sum(registry, "tcp.server.connections.opened", listener),
				sum(registry, "tcp.server.messages.received", listener),
				sum(registry, "tcp.server.messages.sent", listener),
				byTag(registry, "tcp.server.errors", listener, "type"),
				byTag(registry, "tcp.server.connections.closed", listener, "cause"),
				byTag(registry, "tcp.server.connections.rejected", listener, "reason"), latency(registry, listener),
				byTag(registry, "tcp.server.messages.pushed", listener, "outcome"));
	}

	private static double sum(MeterRegistry registry, String name, String listener) {
		return registry.find(name).tag("listener", listener).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static Map<String, Double> byTag(MeterRegistry registry, String name, String listener, String tag) {
		Map<String, Double> counts = new TreeMap<>();
		Search meters = registry.find(name).tag("listener", listener);
		for (Counter counter : meters.counters()) {
			counts.merge(String.valueOf(counter.getId().getTag(tag)), counter.count(), Double::sum);
		}
		// pushes that found no connection are counted by a function of the push service
		for (FunctionCounter counter : meters.functionCounters()) {
			counts.merge(String.valueOf(counter.getId().getTag(tag)), counter.count(), Double::sum);
		}
		return counts;
	}

	private static TreeMap<Double, Double> latency(MeterRegistry registry, String listener) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (Timer timer : registry.find("tcp.server.request.duration").tag("listener", listener).timers()) {
			for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
				buckets.merge(bucket.bucket(TimeUnit.SECONDS), bucket.count(), Double::sum);
			}
		}
		return buckets;
	}

}
