package io.tcpgateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged application started as a user starts it, {@code java -jar}, with its output in
 * a log file; stopped by its own PID. Optionally under a lower open-file limit
 * ({@code ulimit -n}), set by the shell that then becomes the JVM.
 */
public final class FatJarProcess implements AutoCloseable {

	public static final Duration STARTUP = Duration.ofSeconds(90);

	private final Process process;

	private final Path log;

	private FatJarProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	public static FatJarProcess start(Path log, Map<String, String> env, List<String> args) throws IOException {
		return start(log, env, 0, args);
	}

	/** @param openFileLimit the {@code ulimit -n} to run under; 0 keeps this process's */
	public static FatJarProcess start(Path log, Map<String, String> env, int openFileLimit, List<String> args)
			throws IOException {
		List<String> java = new ArrayList<>(List.of(FatJar.java(), "-jar", FatJar.path()));
		java.addAll(args);
		List<String> command = java;
		if (openFileLimit > 0) {
			command = new ArrayList<>(List.of("bash", "-c", "ulimit -n " + openFileLimit + " && exec \"$@\"", "bash"));
			command.addAll(java);
		}
		return run(log, env, command);
	}

	/** @param jvmOptions what goes before {@code -jar}: {@code -Dloader.path=...}, heap settings */
	public static FatJarProcess start(Path log, Map<String, String> env, List<String> jvmOptions, List<String> args)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(FatJar.java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", FatJar.path()));
		command.addAll(args);
		return run(log, env, command);
	}

	/** The application started by a command line of its own, such as an extracted layout's. */
	public static FatJarProcess run(Path log, Map<String, String> env, List<String> command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env);
		return new FatJarProcess(builder.start(), log);
	}

	/** Waits until Spring Boot logged that the application started. */
	public FatJarProcess awaitStarted() {
		await().atMost(STARTUP).until(() -> {
			if (!this.process.isAlive()) {
				throw new AssertionError("the fat jar exited with " + this.process.exitValue() + ":\n" + log());
			}
			return log().contains("Started TcpGatewayApplication");
		});
		return this;
	}

	public String log() throws IOException {
		return Files.readString(this.log);
	}

	public long pid() {
		return this.process.pid();
	}

	public Process process() {
		return this.process;
	}

	/** SIGTERM, then SIGKILL if it has not exited within 20 s. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
