package io.tcpgateway.server.session.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.push.TcpPush;
import io.tcpgateway.support.RedisServer;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances of the application (two Spring contexts in this JVM, each with its own
 * listeners, HTTP port and Redis connections) and a real Redis ({@code redis-server}): a push on
 * one instance reaches a device logged in on the other; a reconnect elsewhere replaces the old
 * connection; pushes while a device is offline wait in Redis and come out in order after its
 * next LOGIN on either instance, also across a restart of both, unless they expire first; with
 * Redis stopped, request/reply carries on, remote pushes answer unavailable at once, and once
 * Redis is back the instances record their keys again by themselves. A third instance refuses
 * keys in use (on-conflict reject) across instances.
 */
class RedisSessionsTests {

	@TempDir
	static Path dir;

	static RedisServer redis;

	static RunningServer a;

	static RunningServer b;

	/** Refuses keys in use (on-conflict reject) and keeps queued frames one second. */
	static RunningServer c;

	@BeforeAll
	static void start() throws Exception {
		String executable = RedisServer.find();
		assumeTrue(executable != null, "redis-server is not installed; CI installs it (.ci/run)");
		redis = RedisServer.start(executable, dir.resolve("redis.log"));
		a = instance();
		b = instance();
		c = instance("--tcp.server.sessions.on-conflict=reject", "--tcp.server.sessions.offline-queue.ttl=1s");
	}

	static RunningServer instance(String... more) {
		List<String> args = new ArrayList<>(List.of("--tcp.server.sessions.store=redis", "--tcp.server.worker-threads=2", redis.url(),
				"--tcp.server.sessions.offline-queue.max-per-key=100", "--tcp.server.host=127.0.0.1",
				"--server.address=127.0.0.1", "--management.endpoint.tcpsessions.access=unrestricted"));
		args.addAll(List.of(more));
		return RunningServer.start(args.toArray(String[]::new));
	}

	@AfterAll
	static void stop() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { a, b, c, redis }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	static PushOutcome push(RunningServer instance, String key, String text) throws Exception {
		return instance.context()
			.getBean(TcpPush.class)
			.toSession(key, text)
			.toCompletableFuture()
			.get(10, TimeUnit.SECONDS);
	}

	static TcpTestClient login(RunningServer instance, String key) throws Exception {
		TcpTestClient device = TcpTestClient.connect(instance.tcpPort());
		assertThat(device.request("LOGIN " + key)).isEqualTo("OK " + key);
		return device;
	}

	/** Whether Redis records the key as held by one of {@code instance}'s connections. */
	static boolean recordedOn(RunningServer instance, String key) {
		String holder = redis.command("GET tcpgw:session:" + key);
		String name = instance.context().getBean(RedisSessionStore.class).instance();
		return holder != null && holder.startsWith(name + "/");
	}

	@Test
	void aPushOnOneInstanceReachesADeviceLoggedInOnTheOther() throws Exception {
		try (TcpTestClient device = login(a, "imei:100")) {
			assertThat(push(b, "imei:100", "REBOOT")).isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receive()).isEqualTo("REBOOT");
			assertThat(device.request("PING")).isEqualTo("PONG");
			assertThat(push(a, "imei:100", "LOCAL")).as("the instance holding it pushes itself")
				.isEqualTo(PushOutcome.WRITTEN);
			assertThat(device.receive()).isEqualTo("LOCAL");
			assertThat(b.actuator().count("tcp.server.sessions.remote-pushes", "outcome:written")).isPositive();
			assertThat(b.actuator().count("tcp.server.sessions.store.round-trip")).isPositive();
		}
		await().until(() -> redis.command("EXISTS tcpgw:session:imei:100").equals(":0"));
		assertThat(push(b, "imei:100", "gone")).as("its connection closed, its entry went")
			.isEqualTo(PushOutcome.QUEUED);
	}

	@Test
	void aPushOverHttpToOneInstanceReachesADeviceOnTheOtherOrWaitsForItsNextLogin() throws Exception {
		try (TcpTestClient device = login(a, "imei:300")) {
			HttpResponse<String> pushed = b.actuator().post("tcpsessions/imei:300", "{\"text\": \"OVER HTTP\"}");
			assertThat(pushed.statusCode()).isEqualTo(200);
			assertThat(pushed.body()).contains("\"written\"");
			assertThat(device.receive()).isEqualTo("OVER HTTP");
		}
		await().until(() -> redis.command("EXISTS tcpgw:session:imei:300").equals(":0"));
		HttpResponse<String> queued = b.actuator().post("tcpsessions/imei:300", "{\"text\": \"LATER\"}");
		assertThat(queued.statusCode()).isEqualTo(202);
		assertThat(queued.body()).contains("\"queued\"");
		try (TcpTestClient device = login(a, "imei:300")) {
			assertThat(device.receive()).isEqualTo("LATER");
		}
	}

	@Test
	void aReconnectToTheOtherInstanceReplacesTheOldConnectionAndThePushFollowsIt() throws Exception {
		try (TcpTestClient old = login(a, "imei:200")) {
			double replacedBefore = a.actuator().count("tcp.server.connections.closed", "cause:replaced");
			try (TcpTestClient again = login(b, "imei:200")) {
				assertThat(old.isClosedByServer()).as("A closes its connection").isTrue();
				await().untilAsserted(() -> assertThat(a.actuator().count("tcp.server.connections.closed",
						"cause:replaced")).isEqualTo(replacedBefore + 1));
				assertThat(push(a, "imei:200", "FOLLOW")).isEqualTo(PushOutcome.WRITTEN);
				assertThat(again.receive()).isEqualTo("FOLLOW");
				assertThat(recordedOn(b, "imei:200")).isTrue();
			}
		}
	}

	@Test
	void pushesWhileOfflineComeOutInOrderAfterTheNextLoginOnEitherInstanceAlsoAcrossARestartOfBoth()
			throws Exception {
		for (int i = 1; i <= 6; i++) {
			assertThat(push((i % 2 == 0) ? a : b, "imei:300", "cmd-" + i)).isEqualTo(PushOutcome.QUEUED);
		}
		assertThat(a.actuator().metric("tcp.server.sessions.offline-queue.frames", "VALUE")).isNotNegative();
		try (TcpTestClient device = TcpTestClient.connect(b.tcpPort())) {
			device.send("LOGIN imei:300").send("PING");
			assertThat(device.receive()).isEqualTo("OK imei:300");
			for (int i = 1; i <= 6; i++) {
				assertThat(device.receive()).isEqualTo("cmd-" + i);
			}
			assertThat(device.receive()).as("nothing more: each frame once").isEqualTo("PONG");
		}
		await().until(() -> redis.command("EXISTS tcpgw:session:imei:300").equals(":0"));
		for (int i = 7; i <= 9; i++) {
			assertThat(push(a, "imei:300", "cmd-" + i)).isEqualTo(PushOutcome.QUEUED);
		}
		a.close();
		b.close();
		a = instance();
		b = instance();
		try (TcpTestClient device = TcpTestClient.connect(a.tcpPort())) {
			device.send("LOGIN imei:300").send("PING");
			assertThat(device.receive()).isEqualTo("OK imei:300");
			for (int i = 7; i <= 9; i++) {
				assertThat(device.receive()).isEqualTo("cmd-" + i);
			}
			assertThat(device.receive()).isEqualTo("PONG");
		}
		assertThat(redis.command("LLEN tcpgw:queue:imei:300")).isEqualTo(":0");
	}

	@Test
	void anInstanceThatRejectsKeysInUseRefusesOneALiveInstanceHolds() throws Exception {
		try (TcpTestClient holder = login(a, "imei:500"); TcpTestClient other = TcpTestClient.connect(c.tcpPort())) {
			assertThat(other.request("LOGIN imei:500")).isEqualTo("ERR session key in use");
			assertThat(holder.request("PING")).isEqualTo("PONG");
			assertThat(recordedOn(a, "imei:500")).isTrue();
		}
	}

	@Test
	void queuedFramesThatExpireAreDroppedAndCounted() throws Exception {
		double before = expired();
		assertThat(push(c, "imei:600", "too late")).isEqualTo(PushOutcome.QUEUED);
		// every instance's heartbeat drops the queues whose last frame expired; one of them counts it
		await().atMost(Duration.ofSeconds(20)).until(() -> expired() == before + 1);
		assertThat(redis.command("EXISTS tcpgw:queue:imei:600")).isEqualTo(":0");
		try (TcpTestClient device = TcpTestClient.connect(a.tcpPort())) {
			device.send("LOGIN imei:600").send("PING");
			assertThat(device.receive()).isEqualTo("OK imei:600");
			assertThat(device.receive()).isEqualTo("PONG");
		}
	}

	static double expired() throws Exception {
		double sum = 0;
		for (RunningServer instance : List.of(a, b, c)) {
			sum += instance.actuator().count("tcp.server.sessions.offline-queue.expired");
		}
		return sum;
	}

	@Test
	void withRedisStoppedRequestsAreAnsweredRemotePushesAreUnavailableAndKeysAreRecordedAgainWhenItReturns()
			throws Exception {
		try (TcpTestClient onA = login(a, "imei:400"); TcpTestClient onB = login(b, "imei:401")) {
			redis.stop();
			assertThat(onA.request("PING")).isEqualTo("PONG");
			assertThat(onB.request("ECHO still here")).isEqualTo("still here");
			await().atMost(Duration.ofSeconds(10)).until(() -> push(b, "imei:400", "x") == PushOutcome.UNAVAILABLE);
			long start = System.nanoTime();
			assertThat(push(b, "imei:400", "x")).isEqualTo(PushOutcome.UNAVAILABLE);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast").isLessThan(Duration.ofSeconds(1));
			assertThat(push(a, "imei:400", "local")).as("a key held here needs no Redis").isEqualTo(PushOutcome.WRITTEN);
			assertThat(onA.receive()).isEqualTo("local");
			try (TcpTestClient late = login(b, "imei:402")) {
				assertThat(late.request("PING")).as("a LOGIN while Redis is down binds locally").isEqualTo("PONG");
				assertThat(b.actuator().get("health/readiness").statusCode()).as("readiness stays UP").isEqualTo(200);
				JsonNode health = b.actuator().json("health");
				assertThat(health.at("/components/redis/status").asString()).isEqualTo("DOWN");

				redis.start();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> recordedOn(a, "imei:400") && recordedOn(b, "imei:401") && recordedOn(b, "imei:402"));
				assertThat(push(b, "imei:400", "back")).isEqualTo(PushOutcome.WRITTEN);
				assertThat(onA.receive()).isEqualTo("back");
				assertThat(push(a, "imei:402", "late one")).isEqualTo(PushOutcome.WRITTEN);
				assertThat(late.receive()).isEqualTo("late one");
				assertThat(b.actuator().json("health").at("/components/redis/status").asString()).isEqualTo("UP");
			}
		}
	}

}
