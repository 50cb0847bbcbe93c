package io.tcpgateway.server.session.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.server.view.SessionView;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.Haproxy;
import io.tcpgateway.support.RedisServer;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances sharing a real Redis behind a real HAProxy (the project's configuration, PROXY
 * v2, readiness checks): 200 devices log in through the balancer, which spreads them over both;
 * every one is reachable by its key from either instance; when one instance shuts down (what
 * SIGTERM does: its context closes, readiness DOWN, drain), its devices reconnect through the
 * balancer, land on the other, and are reachable there by the same keys.
 */
class RedisSessionsBehindHaproxyTests {

	static final int DEVICES = 200;

	@TempDir
	Path dir;

	final List<AutoCloseable> started = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			this.started.get(i).close();
		}
	}

	RunningServer instance(RedisServer redis, String address, int tcpPort, int httpPort) {
		RunningServer instance = RunningServer.start("--tcp.server.sessions.store=redis", "--tcp.server.worker-threads=2", redis.url(),
				"--tcp.server.host=" + address, "--tcp.server.port=" + tcpPort, "--server.address=" + address,
				"--server.port=" + httpPort, "--tcp.server.proxy-protocol=v2",
				"--tcp.server.trusted-proxies=127.0.0.1", "--tcp.server.shutdown-delay=2s");
		this.started.add(instance);
		return instance;
	}

	static Map<PushOutcome, Long> pushToEvery(RunningServer from, String prefix) throws Exception {
		TcpPush push = from.context().getBean(TcpPush.class);
		List<CompletableFuture<PushOutcome>> pushes = new ArrayList<>();
		for (int i = 0; i < DEVICES; i++) {
			pushes.add(push.toSession("dev-" + i, prefix + i).toCompletableFuture());
		}
		CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		return pushes.stream()
			.collect(java.util.stream.Collectors.groupingBy(CompletableFuture::join, java.util.stream.Collectors.counting()));
	}

	static int sessions(RunningServer instance) {
		return instance.context().getBean(SessionView.class).sessions();
	}

	@Test
	@Timeout(value = 240, unit = TimeUnit.SECONDS)
	void devicesLoggedInThroughTheBalancerAreReachableFromEitherInstanceAndReHomedWhenOneStops() throws Exception {
		String redisServer = RedisServer.find();
		String haproxy = Haproxy.find();
		assumeTrue(redisServer != null && haproxy != null,
				"redis-server and haproxy are not both installed; CI installs them (.ci/run)");
		RedisServer redis = RedisServer.start(redisServer, this.dir.resolve("redis.log"));
		this.started.add(redis);
		// both instances on one TCP and one HTTP port, as the balancer's configuration checks them
		int[] ports = FatJar.freePortsOn(2, "127.0.0.2", "127.0.0.3");
		int tcpPort = ports[0];
		int httpPort = ports[1];
		RunningServer a = instance(redis, "127.0.0.2", tcpPort, httpPort);
		RunningServer b = instance(redis, "127.0.0.3", tcpPort, httpPort);
		int front = FatJar.freePort();
		Haproxy balancer = Haproxy.inFrontOf(haproxy, this.dir, front, "127.0.0.2", "127.0.0.3", tcpPort, httpPort);
		this.started.add(balancer);
		balancer.awaitServer("gw1", true, Duration.ofSeconds(30));
		balancer.awaitServer("gw2", true, Duration.ofSeconds(30));

		List<TcpTestClient> devices = new ArrayList<>();
		for (int i = 0; i < DEVICES; i++) {
			TcpTestClient device = TcpTestClient.connect(front);
			this.started.add(device);
			devices.add(device);
			assertThat(device.request("LOGIN dev-" + i)).isEqualTo("OK dev-" + i);
		}
		assertThat(sessions(a) + sessions(b)).isEqualTo(DEVICES);
		assertThat(sessions(a)).as("round robin gives A its share").isBetween(DEVICES / 4, DEVICES * 3 / 4);
		List<Integer> onA = a.context()
			.getBean(SessionView.class)
			.bindings()
			.stream()
			.map((session) -> Integer.parseInt(session.key().substring("dev-".length())))
			.toList();

		for (RunningServer from : List.of(a, b)) {
			String prefix = (from == a) ? "from-a-" : "from-b-";
			assertThat(pushToEvery(from, prefix)).containsExactly(Map.entry(PushOutcome.WRITTEN, (long) DEVICES));
			for (int i = 0; i < DEVICES; i++) {
				assertThat(devices.get(i).receive()).isEqualTo(prefix + i);
			}
		}

		String instanceA = a.context().getBean(RedisSessionStore.class).instance();
		// what SIGTERM does to A: readiness DOWN, listener closed after the shutdown delay, drain
		Thread shutdown = new Thread(a::close, "shutdown-a");
		shutdown.start();
		for (int i : onA) {
			assertThat(devices.get(i).isClosedByServer()).as("dev-%d's connection to A closed by the drain", i).isTrue();
			TcpTestClient again = TcpTestClient.connect(front);
			this.started.add(again);
			devices.set(i, again);
			assertThat(again.request("LOGIN dev-" + i)).isEqualTo("OK dev-" + i);
		}
		shutdown.join(60_000);
		assertThat(shutdown.isAlive()).as("A shut down").isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> sessions(b) == DEVICES);

		assertThat(pushToEvery(b, "after-")).containsExactly(Map.entry(PushOutcome.WRITTEN, (long) DEVICES));
		for (int i = 0; i < DEVICES; i++) {
			assertThat(devices.get(i).receive()).isEqualTo("after-" + i);
		}
		assertThat(redis.command("EXISTS tcpgw:instance:" + instanceA)).as("A said goodbye").isEqualTo(":0");
	}

}
