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
 * A real HAProxy (Debian package haproxy; CI installs it) in the foreground on the project's
 * {@code deploy/haproxy/haproxy.cfg}, with the example addresses replaced by a test's own, and
 * its runtime API on a socket in the test's directory. Stopped by its own PID.
 */
public final class Haproxy implements AutoCloseable {

	public static final Path CONFIG = Path.of("deploy/haproxy/haproxy.cfg");

	public static final String BACKEND = "tcp_gateway";

	private final Process process;

	private final Path socket;

	private final Path log;

	private Haproxy(Process process, Path socket, Path log) {
		this.process = process;
		this.socket = socket;
		this.log = log;
	}

	/** The haproxy executable, or null when it is not installed. */
	public static String find() {
		return InstalledProgram.find("haproxy");
	}

	/**
	 * Starts HAProxy on the project's configuration listening on 127.0.0.1:{@code frontPort} in
	 * front of gw1 at {@code address1} and gw2 at {@code address2}, both on the same TCP port and
	 * checked on the same HTTP port, as the configuration expects.
	 */
	public static Haproxy inFrontOf(String executable, Path dir, int frontPort, String address1, String address2,
			int tcpPort, int httpPort) throws IOException {
		Map<String, String> replacements = new LinkedHashMap<>();
		replacements.put("\n    bind :9000\n", "\n    bind 127.0.0.1:" + frontPort + "\n");
		replacements.put("server gw1 10.0.0.11:9000", "server gw1 " + address1 + ":" + tcpPort);
		replacements.put("server gw2 10.0.0.12:9000", "server gw2 " + address2 + ":" + tcpPort);
		replacements.put("tcp-check connect port 8081", "tcp-check connect port " + httpPort);
		return start(executable, dir, replacements);
	}

	/**
	 * Starts HAProxy on the project's configuration, each key of {@code replacements} (which must
	 * occur exactly once) replaced by its value, and the stats socket moved into {@code dir}.
	 */
	public static Haproxy start(String executable, Path dir, Map<String, String> replacements) throws IOException {
		String config = Files.readString(CONFIG);
		Path socket = dir.resolve("haproxy.sock");
		Map<String, String> all = new LinkedHashMap<>(replacements);
		all.put("stats socket /run/haproxy/admin.sock ", "stats socket " + socket + " ");
		for (Map.Entry<String, String> replacement : all.entrySet()) {
			assertThat(occurrences(config, replacement.getKey()))
				.as("%s contains '%s' exactly once", CONFIG, replacement.getKey().strip())
				.isEqualTo(1);
			config = config.replace(replacement.getKey(), replacement.getValue());
		}
		Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), config);
		Path log = dir.resolve("haproxy.log");
		Process process = new ProcessBuilder(executable, "-db", "-f", cfg.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Haproxy haproxy = new Haproxy(process, socket, log);
		await("HAProxy's stats socket").atMost(Duration.ofSeconds(20)).until(() -> {
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

	/** Waits until HAProxy's checks have marked the server UP, or DOWN. */
	public void awaitServer(String server, boolean up, Duration atMost) {
		await("HAProxy sees " + server + (up ? " UP" : " DOWN")).atMost(atMost).until(() -> {
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
			channel.connect(UnixDomainSocketAddress.of(this.socket));
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

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
