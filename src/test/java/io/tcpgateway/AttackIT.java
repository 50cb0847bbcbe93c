package io.tcpgateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.Attackers;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.Probes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attacks by one client with no credentials against the fat jar in a small container-sized heap
 * ({@code -Xmx256m}, so 256 MB of direct memory too) with {@code max-buffered-bytes=16MB}. While
 * each attack holds, four well-behaved clients keep getting {@code PONG} with p99 under
 * {@value #P99_BOUND_MS} ms; no {@code OutOfMemoryError} appears; the process neither wedges nor
 * exits; and once the attackers leave, only the well-behaved connections are open and no input is
 * held. Each attack prints what it measured, so the same run against an older jar
 * ({@code -Dtcpgateway.jar=...}) shows the before.
 */
class AttackIT {

	/** On this 2-core VM the attacking client competes with the server for CPU: a generous bound, far below a wedge. */
	static final double P99_BOUND_MS = 2000;

	static final int PROBES = 4;

	@TempDir
	Path dir;

	record Server(FatJarProcess process, int lines, int framed, ActuatorClient actuator) implements AutoCloseable {

		@Override
		public void close() throws InterruptedException {
			this.process.close();
		}

	}

	Server start(String workerThreads) throws Exception {
		int lines = FatJar.freePort();
		int framed = FatJar.freePort();
		int http = FatJar.freePort();
		FatJarProcess process = FatJarProcess
			.start(this.dir.resolve("server-" + workerThreads + ".log"), Map.of(), List.of("-Xmx256m"),
					List.of("--tcp.server.host=127.0.0.1", "--tcp.server.port=" + lines,
							"--tcp.server.listeners.framed.port=" + framed,
							"--tcp.server.listeners.framed.codec=length-header-4",
							"--tcp.server.max-buffered-bytes=16MB", "--tcp.server.worker-threads=" + workerThreads,
							"--server.address=127.0.0.1", "--server.port=" + http))
			.awaitStarted();
		return new Server(process, lines, framed, ActuatorClient.at(http));
	}

	@Test
	void thousandsOfPartialFramesAreBoundedByTheBudgetAndCostOnlyTheirSenders() throws Exception {
		try (Server server = start("0"); Probes probes = Probes.start(server.lines(), PROBES)) {
			// lf: 65,535 bytes and no end of line, 4,500 times (the direct-memory exhaustion)
			byte[] noEnd = new byte[65_535];
			Arrays.fill(noEnd, (byte) 'x');
			attack(server, probes, "partial lines", () -> Attackers.open(server.lines(), 4_500, noEnd));
			// length-header-4: 65,536 announced, 65,535 sent, 2,500 times (the 128 KiB cumulations)
			byte[] shortFrame = new byte[4 + 65_535];
			shortFrame[1] = 1;
			attack(server, probes, "partial length-header-4 frames",
					() -> Attackers.open(server.framed(), 2_500, shortFrame));
			assertThat(server.actuator().count("tcp.server.connections.closed", "cause:buffer-budget"))
				.as("the budget closed the connections that held input longest").isPositive();
		}
	}

	@ParameterizedTest(name = "worker-threads={0}")
	@ValueSource(strings = { "0", "2", "virtual" })
	void pipelinersThatNeverReadCannotWedgeTheProcessNorStarveOthers(String workerThreads) throws Exception {
		try (Server server = start(workerThreads); Probes probes = Probes.start(server.lines(), PROBES)) {
			// 200 connections, each about 2.9 MB of empty lines (ERR empty message each) and never a read
			byte[] emptyLines = new byte[2_900_000];
			Arrays.fill(emptyLines, (byte) '\n');
			attack(server, probes, "non-reading pipeliners, worker-threads " + workerThreads,
					() -> Attackers.open(server.lines(), 200, emptyLines));
		}
	}

	interface Attack {

		Attackers open() throws Exception;

	}

	private void attack(Server server, Probes probes, String name, Attack attack) throws Exception {
		probes.window();
		long heldMax = 0;
		int attackers;
		try (Attackers open = attack.open()) {
			attackers = open.size();
			long end = System.nanoTime() + 20_000_000_000L;
			while (System.nanoTime() < end) {
				open.pumpFor(2_000);
				heldMax = Math.max(heldMax, held(server.actuator()));
			}
			Probes.Window during = probes.window();
			int closed = open.closedByServer();
			System.out.println("AttackIT " + name + ": " + attackers + " attackers, " + closed
					+ " closed by the server; input held at most " + heldMax / 1024 + " KiB; probes: " + during);
			assertThat(during.failures()).as("%s: well-behaved requests that failed", name).isZero();
			assertThat(during.requests()).as("%s: well-behaved requests served", name).isPositive();
			assertThat(during.p99()).as("%s: well-behaved p99 (ms)", name).isLessThan(P99_BOUND_MS);
			// twice the budget at most, while the connections told to leave are closing
			assertThat(heldMax).as("%s: input held, against a budget of 16 MB", name)
				.isLessThanOrEqualTo(2 * 16L * 1024 * 1024 + 1024 * 1024);
		}
		await().untilAsserted(() -> {
			assertThat(held(server.actuator())).isZero();
			assertThat(openConnections(server.actuator())).isEqualTo(PROBES);
		});
		assertThat(server.process().process().isAlive()).isTrue();
		assertThat(server.process().log()).doesNotContain("OutOfMemoryError");
		assertThat(server.actuator().get("health/readiness").statusCode()).isEqualTo(200);
	}

	/** Input held now; -1 from a server that does not count it (an older jar, for the before). */
	private static long held(ActuatorClient actuator) throws Exception {
		return (actuator.get("metrics/tcp.server.input.buffered").statusCode() == 200)
				? (long) actuator.metric("tcp.server.input.buffered", "VALUE") : -1;
	}

	private static double openConnections(ActuatorClient actuator) throws Exception {
		double open = 0;
		for (String listener : List.of("default", "framed")) {
			open += actuator.metric("tcp.server.connections.active", "VALUE", "listener:" + listener);
		}
		return open;
	}

}
