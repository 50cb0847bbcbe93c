package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of {@code bench/run.sh}: both load generators' ratios side by side, why they differ
 * where they do, the goals judged on tcpload's, and no failed cell: what could not run says why.
 */
class ReportTests {

	static final String RUN = " p50_us=100 p90_us=150 p99_us=300 p999_us=900 max_us=2000 mean_us=110 ok=1000000 err=0"
			+ " e_conn=0 e_closed=0 e_timeout=0 e_bad=0 secs=10 other_cpu_util=0.01";

	@TempDir
	Path dir;

	String report(String... lines) throws IOException {
		Path results = Files.writeString(this.dir.resolve("results.txt"), String.join("\n", lines) + "\n");
		Path meta = Files.writeString(this.dir.resolve("meta.txt"), "command=bash bench/run.sh\nruns=1\n");
		Path out = this.dir.resolve("benchmarks.md");
		Report.main(new String[] { results.toString(), meta.toString(), out.toString() });
		return Files.readString(out);
	}

	@Test
	void printsBothGeneratorsRatiosAndSaysWhyTheyDiffer() throws IOException {
		String report = report(
				"server=tcp-gateway kind=persistent gen=java conns=16 run=1 rps=107000 srv_cpu_us_per_req=8.8 srv_cpu_util=0.96 cli_cpu_util=0.86" + RUN,
				"server=tcp-gateway kind=persistent gen=tcpload conns=16 run=1 rps=108000 srv_cpu_us_per_req=9.2 srv_cpu_util=0.97 cli_cpu_util=0.80" + RUN,
				"server=raw-netty kind=persistent gen=java conns=16 run=1 rps=120000 srv_cpu_us_per_req=7.6 srv_cpu_util=0.92 cli_cpu_util=0.95" + RUN,
				"server=raw-netty kind=persistent gen=tcpload conns=16 run=1 rps=143000 srv_cpu_us_per_req=6.4 srv_cpu_util=0.95 cli_cpu_util=0.88" + RUN);
		assertThat(report).contains("| 16 connections | 0.76× | 0.89× | 18 % |")
			.contains("against raw Netty the Java generator was the limit (its core at 0.95")
			.contains("| tcp-gateway | 16 | tcpload | 108,000 | 0.76× |")
			.contains("| tcp-gateway | 16 | Java | 107,000 | 0.89× |");
	}

	@Test
	void judgesTheGoalsOnTcploadsFigures() throws IOException {
		String report = report(
				"server=tcp-gateway kind=persistent gen=java conns=128 run=1 rps=110000 srv_cpu_us_per_req=8.0 srv_cpu_util=0.96 cli_cpu_util=0.86" + RUN,
				"server=tcp-gateway kind=persistent gen=tcpload conns=128 run=1 rps=100000 srv_cpu_us_per_req=10.0 srv_cpu_util=0.97 cli_cpu_util=0.80" + RUN,
				"server=raw-netty kind=persistent gen=java conns=128 run=1 rps=120000 srv_cpu_us_per_req=7.5 srv_cpu_util=0.92 cli_cpu_util=0.95" + RUN,
				"server=raw-netty kind=persistent gen=tcpload conns=128 run=1 rps=140000 srv_cpu_us_per_req=7.0 srv_cpu_util=0.95 cli_cpu_util=0.88" + RUN,
				"server=tcp-gateway kind=classes variant=java_-jar classes=5900");
		assertThat(report).contains("## Goals (issue 24), judged on tcpload's figures")
			.contains("| req/s at 128 connections ≥ 0.85× raw Netty | 0.71× | no |")
			.contains("| server CPU per request at 128 connections ≤ 1.2× raw Netty's | 1.43× | no |")
			.contains("| classes loaded at ready (java -jar) ≤ 6,000 | 5,900 | yes |");
	}

	@Test
	void pushesAreReportedWithEveryFrameCheckedByItsClient() throws IOException {
		String report = report("server=tcp-gateway kind=push pushes_per_s=93604 written=1338722 received=1338722 refused=0"
				+ " not_connected=0 bad=0 logged_in=1000 conns=1000 window=8 secs=10.08 srv_cpu_us_per_push=10.67");
		assertThat(report).contains("| 1,000 | 8 | 93,604 | 10.7 | 1,338,722 | 1,338,722 | 0 | 0 | 0 |");
	}

	@Test
	void aConfigurationThatCouldNotRunSaysWhyInItsOwnRow() throws IOException {
		String report = report(
				"server=tcp-gateway kind=per-request-connect gen=tcpload conns=16 run=1 failed=tcpload-did-not-build",
				"server=tcp-gateway kind=idle conns=18000 failed=open-files-hard-limit-1024-below-18000-connections",
				"server=tcp-gateway kind=push failed=no-bench/push.sh-in-this-tree");
		assertThat(report).contains("not run: tcpload did not build")
			.contains("not run: open files hard limit 1024 below 18000 connections")
			.contains("## Server push\n\nnot run: no bench/push.sh in this tree")
			.doesNotContain("| failed |");
	}

}
