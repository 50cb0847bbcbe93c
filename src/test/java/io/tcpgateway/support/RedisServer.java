package io.tcpgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis: Debian's {@code redis-server}, started on a free loopback port with nothing
 * persisted, stopped (and started again on the same port) by its own PID. Tests that need it
 * are skipped only when it is not installed; CI installs it ({@code .ci/run}).
 */
public final class RedisServer implements AutoCloseable {

	private final String executable;

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(String executable, int port, Path log) {
		this.executable = executable;
		this.port = port;
		this.log = log;
	}

	/** Where {@code redis-server} is installed; {@code null} when it is not. */
	public static String find() {
		return InstalledProgram.find("redis-server");
	}

	/** Starts {@code redis-server} on a free port of 127.0.0.1, its output in {@code log}. */
	public static RedisServer start(String executable, Path log) throws IOException {
		RedisServer redis = new RedisServer(executable, FatJar.freePort(), log);
		redis.start();
		return redis;
	}

	/** Starts it (again) on its port, empty. */
	public void start() throws IOException {
		this.process = new ProcessBuilder(this.executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			if (!this.process.isAlive()) {
				throw new AssertionError("redis-server exited with " + this.process.exitValue() + ":\n"
						+ Files.readString(this.log));
			}
			return "+PONG".equals(command("PING"));
		});
	}

	/** Stops it (SIGTERM, then SIGKILL), losing what it held. */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	public int port() {
		return this.port;
	}

	/** The argument that points an instance at this Redis. */
	public String url() {
		return "--spring.data.redis.url=redis://127.0.0.1:" + this.port;
	}

	/**
	 * One command in Redis's inline form, its reply's first line ({@code +PONG}, {@code :3},
	 * {@code $5} then the value for a bulk string: the value is returned); {@code null} when Redis
	 * cannot be reached.
	 */
	public String command(String inline) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String first = line(in);
			return first.startsWith("$") && !first.equals("$-1") ? line(in) : first;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
