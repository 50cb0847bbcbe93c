package io.tcpgateway.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A closed-loop load generator for the line protocol, on 127.0.0.1 only. Modes:
 * <ul>
 * <li>{@code persistent}: each connection sends {@code ECHO <payload>}, waits for the reply,
 * checks it is that request's payload (which carries a per-request id, so a mixed-up or
 * reordered reply is an error), records the latency and sends the next;</li>
 * <li>{@code per-request-connect}: each client connects, sends one ECHO, reads the reply and
 * closes, then starts over; the latency includes the connect;</li>
 * <li>{@code idle}: opens the connections, PINGs each once, prints {@code READY ok=N failed=F},
 * holds them open (for {@code --hold} seconds, or until {@code --release-file} exists), then
 * closes them.</li>
 * </ul>
 * Prints one line: {@code rps=… p50_us=… p99_us=… p999_us=… ok=… err=… secs=…}. Every phase is
 * bounded in time, and the measured phase also by {@code --max-requests}.
 * <p>
 * Usage: {@code LoadGenerator --port=P [--host=127.0.0.1] [--mode=persistent] [--connections=16]
 * [--warmup=3] [--duration=10] [--max-requests=50000000] [--payload=64] [--timeout-ms=5000]
 * [--server-pid=PID] [--hold=10] [--release-file=PATH] [--local-address=127.0.0.2]}
 * <p>
 * {@code --local-address} (idle mode only; a 127.x.y.z address) binds the client side of every
 * connection to that address: one source address has only about 28,000 ephemeral ports towards
 * one server port, so several generators, each with its own local address, hold more idle
 * connections between them.
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public enum Mode {

		PERSISTENT, PER_REQUEST_CONNECT, IDLE;

		static Mode of(String name) {
			return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

	/**
	 * What to run. {@code serverPid} ({@code -1}: none) is read from {@code /proc} at the start and
	 * end of the measured window for the server's CPU time per request.
	 */
	public record Options(String host, int port, Mode mode, int connections, double warmupSecs, double durationSecs,
			long maxRequests, int payloadBytes, long timeoutMs, long serverPid, double holdSecs, Path releaseFile,
			String verb, String localAddress) {

		private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

		public Options {
			if (!LOOPBACK.contains(host)) {
				throw new IllegalArgumentException("host must be 127.0.0.1 or localhost, not " + host);
			}
			// the servers listen on 127.0.0.1; "localhost" could resolve to ::1
			host = "127.0.0.1";
			if (port <= 0 || connections <= 0 || maxRequests <= 0 || timeoutMs <= 0 || warmupSecs < 0
					|| durationSecs <= 0 || holdSecs < 0) {
				throw new IllegalArgumentException("port, connections, max-requests, timeout-ms and duration must be "
						+ "positive, warmup and hold not negative");
			}
			if (!verb.matches("[A-Z]{1,16}")) {
				throw new IllegalArgumentException("verb must be an upper-case command word, not " + verb);
			}
			if (payloadBytes < EchoRequest.ID_LENGTH) {
				throw new IllegalArgumentException("payload must be at least " + EchoRequest.ID_LENGTH + " bytes");
			}
			if (localAddress != null && (mode != Mode.IDLE || !localAddress.matches("127(\\.\\d{1,3}){3}"))) {
				throw new IllegalArgumentException("local-address is for idle mode only and must be a 127.x.y.z "
						+ "address, not " + localAddress);
			}
		}

		/** Defaults with the given port, mode and connection count; tests use these. */
		public static Options of(int port, Mode mode, int connections) {
			return new Options("127.0.0.1", port, mode, connections, 3, 10, 50_000_000, 64, 5000, -1, 10, null, "ECHO", null);
		}

		public Options timing(double warmupSecs, double durationSecs, double holdSecs) {
			return new Options(this.host, this.port, this.mode, this.connections, warmupSecs, durationSecs,
					this.maxRequests, this.payloadBytes, this.timeoutMs, this.serverPid, holdSecs, this.releaseFile,
					this.verb, this.localAddress);
		}

		public Options withServerPid(long serverPid) {
			return new Options(this.host, this.port, this.mode, this.connections, this.warmupSecs, this.durationSecs,
					this.maxRequests, this.payloadBytes, this.timeoutMs, serverPid, this.holdSecs, this.releaseFile,
					this.verb, this.localAddress);
		}

		static Options parse(String... args) {
			Map<String, String> given = CommandLineOptions.parse(
					Set.of("host", "port", "mode", "connections", "warmup", "duration", "max-requests",
					"payload", "timeout-ms", "server-pid", "hold", "release-file", "verb", "local-address"), args);
			return new Options(given.getOrDefault("host", "127.0.0.1"), Integer.parseInt(given.get("port")),
					Mode.of(given.getOrDefault("mode", "persistent")),
					Integer.parseInt(given.getOrDefault("connections", "16")),
					Double.parseDouble(given.getOrDefault("warmup", "3")),
					Double.parseDouble(given.getOrDefault("duration", "10")),
					Long.parseLong(given.getOrDefault("max-requests", "50000000")),
					Integer.parseInt(given.getOrDefault("payload", "64")),
					Long.parseLong(given.getOrDefault("timeout-ms", "5000")),
					Long.parseLong(given.getOrDefault("server-pid", "-1")),
					Double.parseDouble(given.getOrDefault("hold", "10")),
					given.containsKey("release-file") ? Path.of(given.get("release-file")) : null,
					given.getOrDefault("verb", "ECHO"), given.get("local-address"));
		}

	}

	/**
	 * What a run measured. Latencies are of requests sent in the measured window; {@code ok} and
	 * {@code err} count those requests. CPU figures are {@code -1} when unknown; utilisations are
	 * shares of one core over the window, and {@code otherCpuUtil} is what the rest of the machine
	 * used meanwhile (other processes, softirq), a sign of a disturbed run. {@code aliveEnd}
	 * is the number of idle connections still open at the end of the hold ({@code -1} in other
	 * modes).
	 */
	public record Result(Mode mode, int connections, long ok, long err, long errConnect, long errClosed,
			long errTimeout, long errBad, double secs, double p50Us, double p90Us, double p99Us, double p999Us,
			double maxUs, double meanUs, double serverCpuUsPerRequest, double serverCpuUtil, double clientCpuUtil,
			double otherCpuUtil, long aliveEnd) {

		public double rps() {
			return (this.secs > 0) ? this.ok / this.secs : 0;
		}

		/** The stable machine-readable line. */
		public String line() {
			String line = String.format(Locale.ROOT,
					"rps=%.0f p50_us=%.1f p90_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f mean_us=%.1f ok=%d err=%d "
							+ "e_conn=%d e_closed=%d e_timeout=%d e_bad=%d conns=%d secs=%.2f "
							+ "srv_cpu_us_per_req=%.2f srv_cpu_util=%.2f cli_cpu_util=%.2f other_cpu_util=%.2f",
					rps(), this.p50Us, this.p90Us, this.p99Us, this.p999Us, this.maxUs, this.meanUs, this.ok, this.err,
					this.errConnect, this.errClosed, this.errTimeout, this.errBad, this.connections, this.secs,
					this.serverCpuUsPerRequest, this.serverCpuUtil, this.clientCpuUtil, this.otherCpuUtil);
			return (this.mode == Mode.IDLE) ? line + " alive_end=" + this.aliveEnd : line;
		}

	}

	public static void main(String[] args) throws Exception {
		System.out.println(run(Options.parse(args)).line());
	}

	/** Runs the load and returns what it measured; every phase is bounded in time. */
	public static Result run(Options options) throws Exception {
		return switch (options.mode()) {
			case PERSISTENT -> new ClosedLoop(options, false).run();
			case PER_REQUEST_CONNECT -> new ClosedLoop(options, true).run();
			case IDLE -> new IdleConnections(options).run();
		};
	}

}
