package io.tcpgateway.observability.status;

import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Percentiles of the requests between two samples, from the difference of their cumulative
 * histogram buckets, interpolated linearly inside a bucket as Prometheus'
 * {@code histogram_quantile} does.
 */
final class LatencyQuantiles {

	private final TreeMap<Double, Double> counts = new TreeMap<>();

	private final double total;

	LatencyQuantiles(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after) {
		for (Map.Entry<Double, Double> bucket : after.entrySet()) {
			double delta = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
			this.counts.put(bucket.getKey(), Math.max(0, delta));
		}
		this.total = this.counts.isEmpty() ? 0 : this.counts.lastEntry().getValue();
	}

	/** How many requests the buckets hold (those above the last bound excepted). */
	double count() {
		return this.total;
	}

	/** The latency in seconds below which {@code quantile} of the requests fell; empty without requests. */
	OptionalDouble seconds(double quantile) {
		if (this.total <= 0) {
			return OptionalDouble.empty();
		}
		double rank = quantile * this.total;
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : this.counts.entrySet()) {
			if (bucket.getValue() >= rank) {
				double inBucket = bucket.getValue() - lowerCount;
				double fraction = (inBucket > 0) ? (rank - lowerCount) / inBucket : 1;
				return OptionalDouble.of(lowerBound + (bucket.getKey() - lowerBound) * fraction);
			}
			lowerBound = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return OptionalDouble.of(lowerBound);
	}

}
