package io.tcpgateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Dockerfile, built and run without a container engine ({@link DockerfileReplay}: each
 * instruction in order, each RUN verbatim in a bubblewrap sandbox): the Maven build stage, the
 * layer extraction, the user, the AOT training run with the prod profile, then the entrypoint as
 * {@code docker run} in the Dockerfile's header starts it, as user 10001, in a network namespace of
 * its own, probed from inside that namespace on the image's ports. Not proven here: the real base
 * images (this machine's Temurin 25 JDK stands for both), BuildKit and a container runtime.
 * Needs {@code bwrap} (Debian package bubblewrap; CI installs it) and root, as CI has.
 */
class DockerfileIT {

	/** The ports of the Dockerfile's header: {@code docker run -p 9000:9000 -p 8081:8081}. */
	static final int TCP_PORT = 9000;

	static final int MANAGEMENT_PORT = 8081;

	@TempDir
	Path dir;

	private Process container;

	@AfterEach
	void stopTheContainer() throws InterruptedException {
		if (this.container != null && this.container.isAlive()) {
			this.container.destroyForcibly();
			this.container.waitFor(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void theImageBuildsAndStartsFromItsAotCacheAsItsOwnUserAndStopsOnSigterm() throws Exception {
		DockerfileReplay image = new DockerfileReplay(this.dir, Path.of("")).build();
		assertThat(image.file("/app/app.aot")).as("the AOT cache the training step recorded").isNotEmptyFile();
		assertThat(image.file("/app/tcp-gateway.jar")).isNotEmptyFile();

		Path log = this.dir.resolve("container.log");
		this.container = image.start(DockerfileReplay.documentedRunEnv(), log);
		long java = await().atMost(Duration.ofSeconds(20)).until(() -> {
			assertThat(this.container.isAlive()).as("the container runs; its log:%n%s", Files.readString(log)).isTrue();
			return this.container.children().findFirst().map(ProcessHandle::pid).orElse(0L);
		}, (pid) -> pid > 0);
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			assertThat(this.container.isAlive()).as("the container runs; its log:%n%s", Files.readString(log)).isTrue();
			return Sandbox.probe(java, Sandbox.httpGet(MANAGEMENT_PORT, "/actuator/health/readiness")).contains(" 200");
		});
		assertThat(Sandbox.probe(java, Sandbox.tcpRequests(TCP_PORT, "PING", "WHOAMI", "QUIT")))
			.startsWith("PONG\r\n127.0.0.1:")
			.endsWith("BYE\r\n");
		assertThat(Files.readString(Path.of("/proc", String.valueOf(java), "status"))).as("the image's USER")
			.containsPattern("(?m)^Uid:\\s+10001\\s");
		assertThat(Files.readString(Path.of("/proc", String.valueOf(java), "maps"))).as("the JVM mapped its AOT cache")
			.contains("app.aot");
		assertThat(Files.readString(log)).contains("The following 1 profile is active: \\\"prod\\\"");

		new ProcessBuilder("kill", "-TERM", String.valueOf(java)).start().waitFor(10, TimeUnit.SECONDS); // docker stop
		assertThat(this.container.waitFor(40, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
		assertThat(this.container.exitValue()).isIn(0, 143);
	}

}
