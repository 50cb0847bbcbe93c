package io.tcpgateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.HttpSlowloris;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP side under attack, against the fat jar with a container-sized heap ({@code -Xmx256m}):
 * a slowloris on the Actuator port costs the TCP service nothing, and under the {@code prod}
 * profile nothing listens but the TCP listener and Actuator. Figures go to the output, prefixed
 * {@code [http-attack-it]}.
 */
class HttpAttackIT {

	/** Well-behaved TCP clients, each sending PING after PING while the attack holds. */
	static final int CLIENTS = 4;

	/** Their p99 PING round trip must stay under this, on a shared 2-core machine. */
	static final Duration P99_BOUND = Duration.ofMillis(500);

	static final Map<String, String> SMALL_HEAP = Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m");

	@TempDir
	Path dir;

	static void figure(String format, Object... args) {
		System.out.println("[http-attack-it] " + String.format(format, args));
	}

	@Test
	void aSlowlorisOfThousandsOnTheHttpPortLeavesTheTcpServiceServed() throws Exception {
		int tcp = FatJar.freePort();
		int http = FatJar.freePort();
		try (FatJarProcess server = FatJarProcess.start(this.dir.resolve("slowloris.log"), SMALL_HEAP,
				List.of("--tcp.server.host=127.0.0.1", "--tcp.server.port=" + tcp, "--server.address=127.0.0.1",
						"--server.port=" + http))
			.awaitStarted()) {
			ActuatorClient actuator = ActuatorClient.at(http);
			List<Long> roundTrips = new CopyOnWriteArrayList<>();
			AtomicBoolean attacking = new AtomicBoolean(true);
			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			List<Future<Integer>> served = new ArrayList<>();
			HttpSlowloris attack = HttpSlowloris.start(http, 3000, Duration.ofSeconds(12));
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> attack.connects() >= 3000);
				for (int i = 0; i < CLIENTS; i++) {
					served.add(clients.submit(() -> pingWhile(attacking, tcp, roundTrips)));
				}
				// two drips and more than two request-header timeouts of the held connections
				Thread.sleep(Duration.ofSeconds(30).toMillis());
			}
			finally {
				attacking.set(false);
				attack.close();
				clients.shutdown();
			}
			int pongs = 0;
			for (Future<Integer> client : served) {
				pongs += client.get(30, TimeUnit.SECONDS);
			}
			List<Long> sorted = new ArrayList<>(roundTrips);
			Collections.sort(sorted);
			long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
			figure("slowloris of 3,000 connections on the HTTP port (drip 12 s), -Xmx256m: %d connects, at most %d "
					+ "open at once, %d closed by the server; %d TCP clients got %d PONGs, p99 %.1f ms, max %.1f ms",
					attack.connects(), attack.mostOpen(), attack.closedByServer(), CLIENTS, pongs, p99 / 1e6,
					sorted.get(sorted.size() - 1) / 1e6);
			assertThat(p99).as("p99 PING round trip, ns").isLessThan(P99_BOUND.toNanos());

			// the attacker gone, the process is healthy and holds nothing for it
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(actuator.get("health/readiness").statusCode()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(actuator.metric("http.server.connections.active", "VALUE"))
					.as("only this request's connection").isLessThanOrEqualTo(1));
			double overCap = actuator.count("http.server.connections.rejected", "reason:max-connections");
			double timedOut = actuator.count("http.server.connections.rejected", "reason:request-header-timeout");
			figure("the server closed %.0f connections over tcp.http.max-connections 64 and %.0f at "
					+ "tcp.http.request-header-timeout 10 s", overCap, timedOut);
			assertThat(timedOut).as("the held ones, each closed at its deadline").isGreaterThanOrEqualTo(64);
			// every accepted connection was refused, timed out, or among the at most 64 held when the attacker left
			assertThat(overCap + timedOut).isGreaterThanOrEqualTo(attack.connects() - 64);
			try (TcpTestClient after = TcpTestClient.connect(tcp)) {
				assertThat(after.request("PING")).isEqualTo("PONG");
			}
			figure("after the attack: readiness UP, heap used %.1f MB of 256",
					actuator.metric("jvm.memory.used", "VALUE", "area:heap") / 1e6);
			assertThat(server.log()).doesNotContain("OutOfMemoryError");
			assertThat(server.log().lines().filter((line) -> line.contains("(max-connections)")).count())
				.as("one log line per reason and 10 s").isLessThanOrEqualTo(5);
		}
	}

	/** PING on one connection until told to stop; records each round trip; returns the PONGs. */
	static int pingWhile(AtomicBoolean running, int port, List<Long> roundTrips) throws IOException, InterruptedException {
		int pongs = 0;
		try (TcpTestClient client = TcpTestClient.connect(port)) {
			while (running.get()) {
				long start = System.nanoTime();
				assertThat(client.request("PING")).isEqualTo("PONG");
				roundTrips.add(System.nanoTime() - start);
				pongs++;
				Thread.sleep(20);
			}
		}
		return pongs;
	}

	@Test
	void underProdNothingListensButTheTcpListenerAndActuator() throws Exception {
		int tcp = FatJar.freePort();
		int management = FatJar.freePort();
		try (FatJarProcess server = FatJarProcess.start(this.dir.resolve("prod.log"), SMALL_HEAP,
				List.of("--spring.profiles.active=prod", "--tcp.server.host=127.0.0.1", "--tcp.server.port=" + tcp,
						"--server.port=" + management))
			.awaitStarted()) {
			assertThat(ActuatorClient.at(management).get("health/readiness").statusCode()).isEqualTo(200);
			Set<Integer> listening = listeningPorts(server.pid());
			figure("prod profile: the process listens on %s (TCP listener %d, Actuator %d)", listening, tcp, management);
			assertThat(listening).containsExactlyInAnyOrder(tcp, management);
		}
	}

	/** The TCP ports a process listens on, from its sockets in /proc. */
	static Set<Integer> listeningPorts(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring(8, target.length() - 1));
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		Set<Integer> ports = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				boolean listen = fields[3].equals("0A");
				if (listen && inodes.contains(fields[9])) {
					String local = fields[1];
					ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
				}
			}
		}
		return ports;
	}

}
