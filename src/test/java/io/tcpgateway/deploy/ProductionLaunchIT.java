package io.tcpgateway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production launch of README ("Start-up: the production launch"): {@code deploy/jvm/prepare.sh}
 * extracts the fat jar and records an AOT cache in a training run, then the application starts
 * from that cache. README's commands run as printed, on JDK 25, with only its placeholders (the
 * JDK and the directory) filled in; ports come from environment variables, so the commands stay
 * verbatim and the test stays on free ports of 127.0.0.1.
 */
class ProductionLaunchIT {

	@TempDir
	Path dir;

	private final List<FatJarProcess> started = new ArrayList<>();

	@AfterEach
	void stopWhatWeStarted() throws InterruptedException {
		for (FatJarProcess process : this.started) {
			process.close();
		}
	}

	@Test
	void readmesProductionCommandsPrepareWithTheProdProfileAndStartFromTheAotCache() throws Exception {
		List<String> commands = Readme.productionLaunch();
		assertThat(commands).as("README's production launch: prepare, then start").hasSize(2);
		Path home = this.dir.resolve("tcp-gateway");
		List<String> filled = commands.stream()
			.map((command) -> command.replace("/path/to/jdk-25", Jdk25.home().toString())
				.replace("/opt/tcp-gateway", home.toString()))
			.toList();
		assertThat(filled.get(0)).contains("--spring.profiles.active=prod");

		Script.run(filled.get(0), PrepareScript.trainingPorts(), this.dir.resolve("prepare.log"));
		assertThat(home.resolve("app.aot")).isNotEmptyFile();

		startAndServe(filled.get(1), "prod");
	}

	@Test
	void prepareWithoutAProfileStartsWithTheCommandItPrints() throws Exception {
		Path home = this.dir.resolve("plain");
		String printed = PrepareScript.run("--jar " + FatJar.path() + " " + home, this.dir.resolve("prepare-plain.log"));
		assertThat(printed).isEqualTo(Jdk25.java() + " -XX:AOTCache=" + home + "/app.aot -jar " + home
				+ "/tcp-gateway.jar");

		startAndServe(printed, null);
	}

	/** Starts the command, proves it mapped its AOT cache, answers PING and is ready; then SIGTERM. */
	private void startAndServe(String command, String profile) throws Exception {
		int tcpPort = FatJar.freePort();
		int managementPort = FatJar.freePort();
		Map<String, String> env = new java.util.HashMap<>(Map.of("TCP_SERVER_HOST", "127.0.0.1", "TCP_SERVER_PORT",
				String.valueOf(tcpPort), "SERVER_ADDRESS", "127.0.0.1"));
		if (profile != null) {
			// prod puts Actuator on its own port, on 127.0.0.1
			env.put("SERVER_PORT", String.valueOf(FatJar.freePort()));
			env.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
		}
		else {
			env.put("SERVER_PORT", String.valueOf(managementPort));
		}
		FatJarProcess app = FatJarProcess.run(this.dir.resolve("app.log"), env, List.of("bash", "-c", "exec " + command));
		this.started.add(app);
		app.awaitStarted();
		String aotCache = command.replaceFirst(".*-XX:AOTCache=(\\S+).*", "$1");
		assertThat(Files.readString(Path.of("/proc", String.valueOf(app.pid()), "maps")))
			.as("the JVM mapped its AOT cache %s", aotCache)
			.contains(aotCache);
		try (TcpTestClient client = TcpTestClient.connect(tcpPort)) {
			assertThat(client.request("PING")).isEqualTo("PONG");
		}
		assertThat(ActuatorClient.at(managementPort).get("health/readiness").statusCode()).isEqualTo(200);
		if (profile != null) {
			assertThat(app.log()).contains("The following 1 profile is active: \\\"" + profile + "\\\"");
		}
		app.process().destroy();
		assertThat(app.process().waitFor(40, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
	}

}
