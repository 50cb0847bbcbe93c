package io.tcpgateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.Haproxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real HAProxy checking one instance of the fat jar every 100 ms, with the health check of
 * {@code deploy/haproxy/haproxy.cfg} and with the two checks HAProxy ends with a reset (a plain
 * connect check, and a PING/PONG tcp-check without QUIT): none of them counts an error. Skipped
 * only when {@code haproxy} is not installed (CI installs it).
 */
class HaproxyHealthCheckIT {

	/** The health check of deploy/haproxy/haproxy.cfg, from its first rule to its last. */
	private static final String CHECK_BLOCK_START = "    option tcp-check\n";

	private static final String CHECK_BLOCK_END = "    tcp-check expect string BYE\n";

	private static final int CHECKS = 20;

	@TempDir
	Path dir;

	private String haproxy;

	private FatJarProcess app;

	private int tcpPort;

	private int httpPort;

	private ActuatorClient actuator;

	@BeforeEach
	void startTheInstance() throws Exception {
		this.haproxy = Haproxy.find();
		assumeTrue(this.haproxy != null, "haproxy is not installed (not on PATH); CI installs it (.ci/run)");
		this.tcpPort = FatJar.freePort();
		this.httpPort = FatJar.freePort();
		this.app = FatJarProcess.start(this.dir.resolve("app.log"), Map.of(), List.of("--tcp.server.host=127.0.0.1",
				"--tcp.server.port=" + this.tcpPort, "--server.address=127.0.0.1", "--server.port=" + this.httpPort,
				"--tcp.server.proxy-protocol=v2", "--tcp.server.trusted-proxies=127.0.0.1"))
			.awaitStarted();
		this.actuator = ActuatorClient.at(this.httpPort);
	}

	@AfterEach
	void stopTheInstance() throws InterruptedException {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void theRecommendedCheckReadsReadinessThenEndsEachTcpCheckWithQuit() throws Exception {
		Map<String, Long> closes = check("recommended", Files.readString(Haproxy.CONFIG)
			.substring(Files.readString(Haproxy.CONFIG).indexOf(CHECK_BLOCK_START))
			.replaceFirst("(?s)(" + CHECK_BLOCK_END + ").*", "$1")
			.replace("tcp-check connect port 8081", "tcp-check connect port " + this.httpPort));
		assertThat(closes.get("quit")).isGreaterThanOrEqualTo(CHECKS);
		assertThat(closes.get("all") - closes.get("quit")).as("closes other than quit: at most the check cut by HAProxy's stop")
			.isLessThanOrEqualTo(1);
	}

	@Test
	void aConnectCheckEndedByAResetIsAClientResetNotAnError() throws Exception {
		Map<String, Long> closes = check("connect", "");
		assertThat(closes.get("client-reset")).isGreaterThanOrEqualTo(CHECKS);
	}

	@Test
	void aPingCheckEndedByAResetIsAClientResetNotAnError() throws Exception {
		Map<String, Long> closes = check("ping", CHECK_BLOCK_START + "    tcp-check connect send-proxy\n"
				+ "    tcp-check send PING\\r\\n\n" + "    tcp-check expect string PONG\n");
		assertThat(closes.get("client-reset")).isGreaterThanOrEqualTo(CHECKS);
	}

	/**
	 * Runs HAProxy with this health check (every 100 ms) until the instance counted
	 * {@link #CHECKS} closes, stops it, and asserts that no error was counted; the closes by cause.
	 */
	private Map<String, Long> check(String name, String healthCheck) throws Exception {
		String config = Files.readString(Haproxy.CONFIG);
		int start = config.indexOf(CHECK_BLOCK_START);
		int end = config.indexOf(CHECK_BLOCK_END) + CHECK_BLOCK_END.length();
		assertThat(start).as("the health check in %s", Haproxy.CONFIG).isNotNegative().isLessThan(end);
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put(config.substring(start, end), healthCheck);
		replacements.put("\n    bind :9000\n", "\n    bind 127.0.0.1:" + FatJar.freePort() + "\n");
		replacements.put("check inter 1s fastinter 250ms downinter 1s", "check inter 100ms fastinter 100ms downinter 100ms");
		replacements.put("server gw1 10.0.0.11:9000", "server gw1 127.0.0.1:" + this.tcpPort);
		replacements.put("    server gw2 10.0.0.12:9000\n", "");
		Path haproxyDir = Files.createDirectories(this.dir.resolve(name));
		try (Haproxy proxy = Haproxy.start(this.haproxy, haproxyDir, replacements)) {
			proxy.awaitServer("gw1", true, Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(30)).until(() -> closed("") >= CHECKS);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.actuator.metric("tcp.server.connections.active", "VALUE") == 0);
		assertThat(this.actuator.count("tcp.server.errors")).as("errors of every type; HAProxy's log:%n%s",
				Files.readString(haproxyDir.resolve("haproxy.log")))
			.isZero();
		return Map.of("all", closed(""), "quit", closed("quit"), "client-reset", closed("client-reset"));
	}

	private long closed(String cause) throws Exception {
		return (long) (cause.isEmpty() ? this.actuator.count("tcp.server.connections.closed")
				: this.actuator.count("tcp.server.connections.closed", "cause:" + cause));
	}

}
