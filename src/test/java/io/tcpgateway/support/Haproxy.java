package io.tcpgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy in the foreground ({@code -db}) on the project's configuration,
 * {@code deploy/haproxy/haproxy.cfg}, with its example addresses replaced by free loopback ports:
 * a frontend in front of two instances, gw1 and gw2, each checked on its readiness. Read through
 * its runtime API (a stats socket in the test's directory); stopped by its own PID.
 */
public final class Haproxy implements AutoCloseable {

	/** The backend the configuration balances over. */
	public static final String BACKEND = "tcp_gateway";

	private final Process process;

	private final Path log;

	private final Path statsSocket;

	private Haproxy(Process process, Path log, Path statsSocket) {
		this.process = process;
		this.log = log;
		this.statsSocket = statsSocket;
	}

	/** Where {@code haproxy} is installed; {@code null} when it is not. */
	public static String find() {
		return InstalledProgram.find("haproxy");
	}

	/**
	 * Starts HAProxy listening on {@code frontPort}, in front of gw1 (TCP {@code tcp1}, readiness
	 * checked on HTTP {@code http1}) and gw2; its configuration and log in {@code dir}.
	 */
	public static Haproxy start(String executable, Path dir, int frontPort, int tcp1, int http1, int tcp2, int http2)
			throws IOException {
		Path template = Path.of(System.getProperty("basedir", ".")).resolve("deploy/haproxy/haproxy.cfg");
		String config = Files.readString(template);
		Path statsSocket = dir.resolve("haproxy.sock");
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("\n    bind :9000\n", "\n    bind 127.0.0.1:" + frontPort + "\n");
		replacements.put("server gw1 127.0.0.1:9001 port 8081", "server gw1 127.0.0.1:" + tcp1 + " port " + http1);
		replacements.put("server gw2 127.0.0.1:9002 port 8082", "server gw2 127.0.0.1:" + tcp2 + " port " + http2);
		replacements.put("stats socket /run/haproxy/admin.sock ", "stats socket " + statsSocket + " ");
		for (Map.Entry<String, String> replacement : replacements.entrySet()) {
			assertThat(config.split(java.util.regex.Pattern.quote(replacement.getKey()), -1).length - 1)
				.as("%s contains '%s' exactly once", template, replacement.getKey().strip())
				.isEqualTo(1);
			config = config.replace(replacement.getKey(), replacement.getValue());
		}
		Path cfg = dir.resolve("haproxy.cfg");
		Files.writeString(cfg, config);
		Path log = dir.resolve("haproxy.log");
		Process process = new ProcessBuilder(executable, "-db", "-f", cfg.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Haproxy haproxy = new Haproxy(process, log, statsSocket);
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			if (!process.isAlive()) {
				fail("haproxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				return haproxy.command("show info").contains("Pid:");
			}
			catch (IOException ex) {
				return false;
			}
		});
		return haproxy;
	}

	/** Waits until HAProxy sees {@code server} (gw1, gw2) UP, or DOWN. */
	public void awaitServer(String server, boolean up, Duration atMost) {
		await().atMost(atMost).until(() -> {
			String status = stat(server, "status");
			return up ? status.equals("UP") : status.startsWith("DOWN");
		});
	}

	/** One column of {@code show stat} for a server of the backend. */
	public String stat(String server, String column) throws IOException {
		String[] lines = command("show stat").split("\n");
		List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(",", -1));
		int pxname = header.indexOf("pxname");
		int svname = header.indexOf("svname");
		int wanted = header.indexOf(column);
		assertThat(wanted).as("show stat has column %s", column).isNotNegative();
		for (String line : lines) {
			String[] fields = line.split(",", -1);
			if (fields.length > wanted && fields[pxname].equals(BACKEND) && fields[svname].equals(server)) {
				return fields[wanted];
			}
		}
		return fail("no server " + server + " in show stat:\n" + String.join("\n", lines));
	}

	/** A command on HAProxy's runtime API; HAProxy answers, then closes. */
	public String command(String command) throws IOException {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(this.statsSocket));
			channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			ByteBuffer buffer = ByteBuffer.allocate(16384);
			while (channel.read(buffer) != -1 && answer.size() < 4_000_000) {
				answer.write(buffer.array(), 0, buffer.position());
				buffer.clear();
			}
			return answer.toString(StandardCharsets.US_ASCII);
		}
	}

	public Process process() {
		return this.process;
	}

	public Path log() {
		return this.log;
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

}
