package io.tcpgateway.server.admission;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-file limit, minus headroom for the JVM, HTTP and logs, is the connection budget. */
class DescriptorBudgetTests {

	@Test
	void aTenthIsKeptAtLeast128AndAtMostHalf() {
		assertThat(DescriptorBudget.forOpenFileLimit(20_000).connections()).isEqualTo(18_000);
		assertThat(DescriptorBudget.forOpenFileLimit(1024).connections()).isEqualTo(896);
		assertThat(DescriptorBudget.forOpenFileLimit(200).connections()).isEqualTo(100);
		assertThat(DescriptorBudget.forOpenFileLimit(1_048_576).connections()).isEqualTo(943_719);
	}

	@Test
	void placesAreTakenUpToTheBudgetAndGivenBack() {
		DescriptorBudget budget = DescriptorBudget.forOpenFileLimit(200);
		for (int i = 0; i < 100; i++) {
			assertThat(budget.tryTake()).isTrue();
		}
		assertThat(budget.tryTake()).isFalse();
		budget.release();
		assertThat(budget.tryTake()).isTrue();
		assertThat(budget.describe()).isEqualTo("100 connections (open-file limit 200, 100 kept for the JVM, HTTP and logs)");
	}

	@Test
	void thisProcessHasABudget() {
		assertThat(DescriptorBudget.ofThisProcess().connections()).isPositive();
	}

}
