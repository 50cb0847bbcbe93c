package io.tcpgateway.observability.status;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Percentiles of the requests between two samples of cumulative histogram buckets. */
class LatencyQuantilesTests {

	static TreeMap<Double, Double> buckets(double... boundThenCount) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (int i = 0; i < boundThenCount.length; i += 2) {
			buckets.put(boundThenCount[i], boundThenCount[i + 1]);
		}
		return buckets;
	}

	@Test
	void onlyTheRequestsBetweenTheSamplesCountAndAreInterpolatedInsideTheirBucket() {
		// before: 1,000 old requests, all under 1 ms; since then 100 new ones: 50 under 1 ms, 50 in 1-3 ms
		TreeMap<Double, Double> before = buckets(0.001, 1000, 0.003, 1000, 0.010, 1000);
		TreeMap<Double, Double> after = buckets(0.001, 1050, 0.003, 1100, 0.010, 1100);
		LatencyQuantiles quantiles = new LatencyQuantiles(before, after);
		assertThat(quantiles.count()).isEqualTo(100);
		assertThat(quantiles.seconds(0.50).getAsDouble()).isCloseTo(0.001, within(1e-9));
		assertThat(quantiles.seconds(0.75).getAsDouble()).isCloseTo(0.002, within(1e-9));
		assertThat(quantiles.seconds(0.99).getAsDouble()).isCloseTo(0.00296, within(1e-9));
	}

	@Test
	void withoutNewRequestsThereIsNoPercentile() {
		TreeMap<Double, Double> same = buckets(0.001, 7, 0.01, 9);
		assertThat(new LatencyQuantiles(same, same).seconds(0.99)).isEmpty();
		assertThat(new LatencyQuantiles(buckets(), buckets()).seconds(0.5)).isEmpty();
	}

	@Test
	void aTimerThatAppearsBetweenTheSamplesCountsFromZero() {
		LatencyQuantiles quantiles = new LatencyQuantiles(buckets(), buckets(0.002, 4, 0.004, 4));
		assertThat(quantiles.count()).isEqualTo(4);
		assertThat(quantiles.seconds(0.5).getAsDouble()).isCloseTo(0.001, within(1e-9));
	}

}
