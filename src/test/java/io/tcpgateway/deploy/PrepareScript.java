package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.tcpgateway.support.FatJar;

/** {@code deploy/jvm/prepare.sh} on JDK 25, its training run on free ports of 127.0.0.1. */
final class PrepareScript {

	private PrepareScript() {
	}

	/** Runs {@code prepare.sh arguments} to its successful end and returns the start command it printed. */
	static String run(String arguments, Path log) throws IOException, InterruptedException {
		Script.run("JAVA_HOME=" + Jdk25.home() + " deploy/jvm/prepare.sh " + arguments, trainingPorts(), log);
		return startCommand(log);
	}

	/** The training run's own ports: free ones, so that it runs beside anything else on this machine. */
	static Map<String, String> trainingPorts() throws IOException {
		return Map.of("AOT_TRAINING_TCP_PORT", String.valueOf(FatJar.freePort()), "AOT_TRAINING_HTTP_PORT",
				String.valueOf(FatJar.freePort()));
	}

	/** The last line of prepare.sh's output: the command that starts from the cache. */
	static String startCommand(Path log) throws IOException {
		String output = Files.readString(log);
		return output.lines()
			.filter((line) -> line.contains("-XX:AOTCache="))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("prepare.sh printed no start command:\n" + output))
			.replaceFirst("^\\[prepare]\\s+", "");
	}

}
