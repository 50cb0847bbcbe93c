package io.tcpgateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery guarantee, cell by cell: for each thread mode, pipelining depth, ending and
 * transport, every request the server took is answered exactly once and in order (up to the
 * documented cut), the meters move by exactly what the clients saw, and no reply is orphaned.
 * Each cell repeats {@value #RUNS} times to catch races.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplyGuaranteeTests {

	static final int RUNS = 20;

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	/** One server per thread mode, each with plain, TLS and single-use listeners. */
	static final Map<String, RunningServer> servers = new ConcurrentHashMap<>();

	enum Ending {

		/** The client half-closes right after its batch and reads until the server closes. */
		FIN,
		/** The client keeps its side open, reads every reply, then proves nothing else came. */
		NO_FIN,
		/** {@code QUIT} in the middle of the batch: answered up to and including BYE, then closed. */
		QUIT,
		/** A single-use listener: the first request is answered, then the connection closes. */
		SINGLE_USE

	}

	@BeforeAll
	static void makeCertificates() throws Exception {
		certificates = TestCertificates.create(dir);
	}

	@AfterAll
	static void stopServers() {
		servers.values().forEach(RunningServer::close);
		servers.clear();
	}

	static RunningServer server(String workerThreads) {
		return servers.computeIfAbsent(workerThreads, (threads) -> start(threads));
	}

	static RunningServer start(String workerThreads, String... extra) {
		List<String> args = new ArrayList<>(certificates.bundleArgs("tcp", false));
		args.addAll(List.of("--tcp.server.worker-threads=" + workerThreads, "--tcp.server.listeners.tls.port=0",
				"--tcp.server.listeners.tls.ssl.bundle=tcp", "--tcp.server.listeners.single.port=0",
				"--tcp.server.listeners.single.single-use=true", "--tcp.server.listeners.singletls.port=0",
				"--tcp.server.listeners.singletls.single-use=true", "--tcp.server.listeners.singletls.ssl.bundle=tcp"));
		args.addAll(List.of(extra));
		return RunningServer.start(args.toArray(String[]::new));
	}

	static Stream<Arguments> cells() {
		return cells("0", "2");
	}

	static Stream<Arguments> virtualCells() {
		return cells("virtual");
	}

	static Stream<Arguments> cells(String... modes) {
		List<Arguments> cells = new ArrayList<>();
		for (String workers : modes) {
			for (int depth : new int[] { 1, 64, 1000 }) {
				for (Ending ending : Ending.values()) {
					for (boolean tls : new boolean[] { false, true }) {
						cells.add(Arguments.of(workers, depth, ending, tls));
					}
				}
			}
		}
		return cells.stream();
	}

	@ParameterizedTest(name = "worker-threads={0}, depth {1}, {2}, tls={3}")
	@MethodSource("cells")
	void everyRequestTakenIsAnsweredOnceInOrderAndCountedExactly(String workers, int depth, Ending ending,
			boolean tls, CapturedOutput output) throws Exception {
		RunningServer server = server(workers);
		String listener = (ending == Ending.SINGLE_USE) ? (tls ? "singletls" : "single") : (tls ? "tls" : null);
		int port = (listener != null) ? server.tcpPort(listener) : server.tcpPort();
		ActuatorClient actuator = server.actuator();
		String portTag = "port:" + port;
		double receivedBefore = actuator.count("tcp.server.messages.received", portTag);
		double sentBefore = actuator.count("tcp.server.messages.sent", portTag);
		long seen = 0;
		for (int run = 0; run < RUNS; run++) {
			seen += runOnce(port, tls, depth, ending, "run " + run);
		}
		long expected = seen;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(actuator.count("tcp.server.messages.sent", portTag) - sentBefore)
				.as("replies counted as sent").isEqualTo(expected));
		assertThat(actuator.count("tcp.server.messages.received", portTag) - receivedBefore)
			.as("requests counted as received").isEqualTo(expected);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.metric("tcp.server.connections.active", "VALUE", portTag) == 0);
		assertThat(output).doesNotContain("Connection not found");
	}

	static Stream<Arguments> drainCells() {
		return drainCells("0", "2");
	}

	static Stream<Arguments> virtualDrainCells() {
		return drainCells("virtual");
	}

	static Stream<Arguments> drainCells(String... modes) {
		List<Arguments> cells = new ArrayList<>();
		for (String workers : modes) {
			for (int depth : new int[] { 1, 64, 1000 }) {
				for (boolean tls : new boolean[] { false, true }) {
					cells.add(Arguments.of(workers, depth, tls));
				}
			}
		}
		return cells.stream();
	}

	/** The graceful drain (what SIGTERM runs), with {@value #RUNS} connections pipelining at once. */
	@ParameterizedTest(name = "drain: worker-threads={0}, depth {1}, tls={2}")
	@MethodSource("drainCells")
	void shutdownAnswersEveryRequestReadOnEveryConnection(String workers, int depth, boolean tls,
			CapturedOutput output) throws Exception {
		RunningServer server = start(workers, "--spring.lifecycle.timeout-per-shutdown-phase=20s");
		int port = tls ? server.tcpPort("tls") : server.tcpPort();
		List<Socket> sockets = new ArrayList<>();
		CompletableFuture<Void> shutdown = null;
		try {
			long bytes = 0;
			for (int run = 0; run < RUNS; run++) {
				StringBuilder batch = new StringBuilder();
				for (int id = 0; id < depth; id++) {
					batch.append("ECHO ").append(run).append(" id ").append(id).append("\r\n");
				}
				byte[] wire = batch.toString().getBytes(StandardCharsets.UTF_8);
				Socket socket = tls ? certificates.connect(port, null) : plain(port);
				sockets.add(socket);
				socket.getOutputStream().write(wire);
				socket.getOutputStream().flush();
				bytes += wire.length;
			}
			long sent = bytes;
			ActuatorClient actuator = server.actuator();
			// the server has read every request: on plain TCP every byte sent; with TLS, whose wire
			// bytes include handshakes and record headers, every request taken
			await().atMost(Duration.ofSeconds(30))
				.until(() -> tls ? actuator.count("tcp.server.messages.received", "port:" + port) == RUNS * depth
						: actuator.count("tcp.server.data.received", "port:" + port) == sent);
			shutdown = CompletableFuture.runAsync(server::close);
			for (int run = 0; run < RUNS; run++) {
				List<String> replies = readLinesUntilClosed(sockets.get(run).getInputStream());
				List<String> expected = new ArrayList<>();
				for (int id = 0; id < depth; id++) {
					expected.add(run + " id " + id);
				}
				assertThat(replies).as("connection %d: replies in order, each once, %d of %d", run, replies.size(),
						depth).containsExactlyElementsOf(expected);
			}
			shutdown.get(30, TimeUnit.SECONDS);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
			if (shutdown == null) {
				server.close();
			}
		}
		int total = RUNS * depth;
		assertThat(output).contains("closed " + RUNS + " of " + RUNS + " connections (0 still open at the deadline)")
			.contains("received " + total + " messages, sent " + total + " replies")
			.doesNotContain("Connection not found");
	}

	/** The same cells with a virtual thread per request, which needs Java 21 or newer. */
	@ParameterizedTest(name = "worker-threads={0}, depth {1}, {2}, tls={3}")
	@MethodSource("virtualCells")
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onVirtualThreadsToo(String workers, int depth, Ending ending, boolean tls, CapturedOutput output)
			throws Exception {
		everyRequestTakenIsAnsweredOnceInOrderAndCountedExactly(workers, depth, ending, tls, output);
	}

	@ParameterizedTest(name = "drain: worker-threads={0}, depth {1}, tls={2}")
	@MethodSource("virtualDrainCells")
	@EnabledForJreRange(min = JRE.JAVA_21)
	void shutdownOnVirtualThreadsToo(String workers, int depth, boolean tls, CapturedOutput output) throws Exception {
		shutdownAnswersEveryRequestReadOnEveryConnection(workers, depth, tls, output);
	}

	/** One connection of a cell; returns how many replies the client saw. */
	private static long runOnce(int port, boolean tls, int depth, Ending ending, String run) throws Exception {
		List<String> requests = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		int beforeQuit = Math.max(1, depth / 2);
		for (int id = 0; id < depth; id++) {
			if (ending == Ending.QUIT && id == beforeQuit) {
				requests.add("QUIT");
				expected.add("BYE");
			}
			requests.add("ECHO " + run + " id " + id);
			boolean answered = switch (ending) {
				case FIN, NO_FIN -> true;
				case QUIT -> id < beforeQuit;
				case SINGLE_USE -> id == 0;
			};
			if (answered) {
				expected.add(run + " id " + id);
			}
		}
		if (ending == Ending.QUIT && depth <= beforeQuit) {
			requests.add("QUIT");
			expected.add("BYE");
		}
		StringBuilder batch = new StringBuilder();
		requests.forEach((request) -> batch.append(request).append("\r\n"));
		try (Socket socket = tls ? certificates.connect(port, null) : plain(port)) {
			socket.getOutputStream().write(batch.toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			List<String> replies;
			if (ending == Ending.NO_FIN) {
				replies = readLines(socket.getInputStream(), expected.size());
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				assertThat(readLines(socket.getInputStream(), 1)).as(run + ": the reply after the batch")
					.containsExactly("PONG");
				assertThat(replies).as(run + ": replies in order, each once").containsExactlyElementsOf(expected);
				return expected.size() + 1;
			}
			if (ending == Ending.FIN) {
				socket.shutdownOutput();
			}
			replies = readLinesUntilClosed(socket.getInputStream());
			assertThat(replies).as(run + ": replies in order, each once, %d of %d", replies.size(), expected.size())
				.containsExactlyElementsOf(expected);
			return replies.size();
		}
	}

	static Socket plain(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	static List<String> readLines(InputStream in, int count) throws IOException {
		List<String> lines = new ArrayList<>();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (lines.size() < count) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			if (b == '\n') {
				lines.add(stripCr(line));
				line.reset();
			}
			else {
				line.write(b);
			}
		}
		return lines;
	}

	/** Every complete line until the server closes the connection. */
	static List<String> readLinesUntilClosed(InputStream in) throws IOException {
		List<String> lines = new ArrayList<>();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) > 0) {
			for (int i = 0; i < n; i++) {
				if (buffer[i] == '\n') {
					lines.add(stripCr(line));
					line.reset();
				}
				else {
					line.write(buffer[i]);
				}
			}
		}
		return lines;
	}

	private static String stripCr(ByteArrayOutputStream line) {
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

}
