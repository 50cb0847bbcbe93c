package io.tcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A shell command line run as a user types it, from the project's directory, to its end. */
final class Script {

	private static final long LIMIT_SECONDS = 300;

	private Script() {
	}

	/** Runs {@code bash -c line} and asserts that it exits 0, with its output in {@code log}. */
	static void run(String line, Map<String, String> env, Path log) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", line)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(env);
		Process process = builder.start();
		if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("still running after " + LIMIT_SECONDS + " s: " + line + "\n" + Files.readString(log));
		}
		assertThat(process.exitValue()).as("exit code of %s; output:%n%s", line, Files.readString(log)).isZero();
	}

}
