package io.tcpgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.bench.LoadGenerator.Mode;
import io.tcpgateway.bench.LoadGenerator.Result;
import org.HdrHistogram.Histogram;

/**
 * What one run measured: the latency of each request sent in the measured window (in an
 * HdrHistogram, so memory stays flat however long the run), errors by kind, and the CPU time
 * the server and this process used in that window. Used from the client's event loop thread only.
 */
final class Tally {

	enum Error {

		CONNECT, CLOSED, TIMEOUT, BAD

	}

	private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** Linux reports /proc CPU times in USER_HZ ticks, 100 per second on every mainstream build. */
	private static final long MICROS_PER_TICK = 10_000;

	private final Histogram latencies = new Histogram(MAX_NANOS, 3);

	private final long[] errors = new long[Error.values().length];

	private final long serverPid;

	private long ok;

	private long startNanos;

	private long endNanos;

	private long serverCpuStart = -1;

	private long serverCpuEnd = -1;

	private long clientCpuStart = -1;

	private long clientCpuEnd = -1;

	private long machineCpuStart = -1;

	private long machineCpuEnd = -1;

	Tally(long serverPid) {
		this.serverPid = serverPid;
	}

	void start() {
		this.startNanos = System.nanoTime();
		this.serverCpuStart = cpuMicros(this.serverPid);
		this.clientCpuStart = cpuMicros(ProcessHandle.current().pid());
		this.machineCpuStart = machineCpuMicros();
	}

	void stop() {
		this.endNanos = System.nanoTime();
		this.serverCpuEnd = cpuMicros(this.serverPid);
		this.clientCpuEnd = cpuMicros(ProcessHandle.current().pid());
		this.machineCpuEnd = machineCpuMicros();
	}

	void ok(long latencyNanos) {
		this.ok++;
		this.latencies.recordValue(Math.min(latencyNanos, MAX_NANOS));
	}

	void error(Error kind) {
		this.errors[kind.ordinal()]++;
	}

	long ok() {
		return this.ok;
	}

	/** Requests finished in the measured window, either way. */
	long count() {
		long count = this.ok;
		for (long errors : this.errors) {
			count += errors;
		}
		return count;
	}

	Result result(Mode mode, int connections, long aliveEnd) {
		double secs = (this.endNanos - this.startNanos) / 1e9;
		double serverCpu = difference(this.serverCpuStart, this.serverCpuEnd);
		double clientCpu = difference(this.clientCpuStart, this.clientCpuEnd);
		double machineCpu = difference(this.machineCpuStart, this.machineCpuEnd);
		// what neither the server nor this generator used: other processes, softirq time
		double otherCpu = (serverCpu < 0 || clientCpu < 0 || machineCpu < 0) ? -1
				: Math.max(0, machineCpu - serverCpu - clientCpu);
		return new Result(mode, connections, this.ok, count() - this.ok, this.errors[Error.CONNECT.ordinal()],
				this.errors[Error.CLOSED.ordinal()], this.errors[Error.TIMEOUT.ordinal()],
				this.errors[Error.BAD.ordinal()], secs, micros(0.50), micros(0.90), micros(0.99), micros(0.999),
				this.latencies.getMaxValue() / 1e3, this.latencies.getMean() / 1e3,
				(serverCpu < 0 || this.ok == 0) ? -1 : serverCpu / this.ok, share(serverCpu, secs),
				share(clientCpu, secs), share(otherCpu, secs), aliveEnd);
	}

	private double micros(double quantile) {
		return this.latencies.getValueAtPercentile(quantile * 100) / 1e3;
	}

	private static double difference(long start, long end) {
		return (start < 0 || end < 0) ? -1 : end - start;
	}

	/** CPU time as a share of one core over the window. */
	private static double share(double cpuMicros, double secs) {
		return (cpuMicros < 0 || secs <= 0) ? -1 : cpuMicros / (secs * 1e6);
	}

	/** User plus system CPU time of all threads of a process, or -1 (no such process, not Linux). */
	static long cpuMicros(long pid) {
		if (pid < 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// fields after "(comm) ": state is field 3, utime 14 and stime 15
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MICROS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** Busy CPU time of the whole machine (all cores, everything but idle and iowait), or -1. */
	static long machineCpuMicros() {
		try (var lines = Files.lines(Path.of("/proc/stat"))) {
			// cpu user nice system idle iowait irq softirq steal ...
			String[] fields = lines.findFirst().orElseThrow().trim().split("\\s+");
			long busy = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[field]);
			}
			return busy * MICROS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
