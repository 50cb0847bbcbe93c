package io.tcpgateway.server;

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

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.support.ActuatorClient;
import io.tcpgateway.support.NamedListener;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
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
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery guarantee over real sockets, as a smoke matrix: every request the server took is
 * answered exactly once and in order (up to the documented cut), the meters move by exactly what
 * the clients saw, and no reply is orphaned. {@code ConnectionHandlerTests} proves the guarantee
 * deterministically, every ending in every mode; these cells run it through the real pipeline,
 * threads and TLS engine: for each thread mode, each ending over plain TCP and TLS, and the drain.
 * A third of the requests are one-way (no reply) and a third get two frames, so "answered" means
 * exactly the frames the service returned: none, one or several.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplyGuaranteeTests {

	/** Connections per cell. */
	static final int RUNS = 5;

	/** Requests each connection pipelines. */
	static final int DEPTH = 1000;

	/** Connections the drain finds pipelining at once, half of them over TLS. */
	static final int DRAINED = 20;

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

	/** Commands whose replies are no frame and two frames. */
	@Configuration(proxyBeanMethods = false)
	static class OneWayAndSeveral {

		@Bean
		Command quiet() {
			return Command.of("QUIET", (argument) -> Reply.none());
		}

		@Bean
		Command twice() {
			return Command.of("TWICE", (argument) -> Reply.of(argument + " a", argument + " b"));
		}

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
		args.add("--tcp.server.worker-threads=" + workerThreads);
		args.addAll(NamedListener.args("tls", "ssl.bundle=tcp"));
		args.addAll(NamedListener.args("single", "single-use=true"));
		args.addAll(NamedListener.args("singletls", "single-use=true", "ssl.bundle=tcp"));
		args.addAll(List.of(extra));
		return RunningServer.start(new Class<?>[] { OneWayAndSeveral.class }, args.toArray(String[]::new));
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
			for (Ending ending : Ending.values()) {
				for (boolean tls : new boolean[] { false, true }) {
					cells.add(Arguments.of(workers, ending, tls));
				}
			}
		}
		return cells.stream();
	}

	@ParameterizedTest(name = "worker-threads={0}, {1}, tls={2}")
	@MethodSource("cells")
	void everyRequestTakenIsAnsweredOnceInOrderAndCountedExactly(String workers, Ending ending, boolean tls,
			CapturedOutput output) throws Exception {
		RunningServer server = server(workers);
		String listener = (ending == Ending.SINGLE_USE) ? (tls ? "singletls" : "single") : (tls ? "tls" : null);
		int port = (listener != null) ? server.tcpPort(listener) : server.tcpPort();
		ActuatorClient actuator = server.actuator();
		String portTag = "port:" + port;
		double receivedBefore = actuator.count("tcp.server.messages.received", portTag);
		double sentBefore = actuator.count("tcp.server.messages.sent", portTag);
		long taken = 0;
		long frames = 0;
		for (int run = 0; run < RUNS; run++) {
			Seen seen = runOnce(port, tls, ending, "run " + run);
			taken += seen.requests();
			frames += seen.frames();
		}
		long requests = taken;
		long replies = frames;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(actuator.count("tcp.server.messages.sent", portTag) - sentBefore)
				.as("reply frames counted as sent").isEqualTo(replies));
		assertThat(actuator.count("tcp.server.messages.received", portTag) - receivedBefore)
			.as("requests counted as received").isEqualTo(requests);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> actuator.metric("tcp.server.connections.active", "VALUE", portTag) == 0);
		assertThat(output).doesNotContain("Connection not found");
	}

	/**
	 * The graceful drain (what SIGTERM runs), with {@value #DRAINED} connections pipelining at once,
	 * half of them over TLS.
	 */
	@ParameterizedTest(name = "drain: worker-threads={0}, plain and tls")
	@ValueSource(strings = { "0", "2" })
	void shutdownAnswersEveryRequestReadOnEveryConnection(String workers, CapturedOutput output) throws Exception {
		int depth = 64;
		RunningServer server = start(workers, "--spring.lifecycle.timeout-per-shutdown-phase=20s");
		List<TcpTestClient> clients = new ArrayList<>();
		CompletableFuture<Void> shutdown = null;
		try {
			long plainBytes = 0;
			for (int run = 0; run < DRAINED; run++) {
				boolean tls = run % 2 == 1;
				TcpTestClient client = tls ? TcpTestClient.over(certificates.connect(server.tcpPort("tls"), null), "lf")
						: TcpTestClient.connect(server.tcpPort());
				clients.add(client);
				byte[] wire = batch(run, depth);
				client.sendRaw(wire);
				plainBytes += tls ? 0 : wire.length;
			}
			long sent = plainBytes;
			ActuatorClient actuator = server.actuator();
			String plain = "port:" + server.tcpPort();
			String tls = "port:" + server.tcpPort("tls");
			// the server has read every request: on plain TCP every byte sent; with TLS, whose wire
			// bytes include handshakes and record headers, every request taken
			await().atMost(Duration.ofSeconds(30))
				.until(() -> actuator.count("tcp.server.data.received", plain) == sent
						&& actuator.count("tcp.server.messages.received", tls) == DRAINED / 2 * depth);
			shutdown = CompletableFuture.runAsync(server::close);
			for (int run = 0; run < DRAINED; run++) {
				List<String> replies = clients.get(run).readUntilClosed().lines().toList();
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
			for (TcpTestClient client : clients) {
				client.close();
			}
			if (shutdown == null) {
				server.close();
			}
		}
		int total = DRAINED * depth;
		assertThat(output)
			.contains("closed " + DRAINED + " of " + DRAINED + " connections (0 still open at the deadline)")
			.contains("received " + total + " messages, sent " + total + " replies")
			.doesNotContain("Connection not found");
	}

	/** The same cells with a virtual thread per request, which needs Java 21 or newer. */
	@ParameterizedTest(name = "worker-threads={0}, {1}, tls={2}")
	@MethodSource("virtualCells")
	@EnabledForJreRange(min = JRE.JAVA_21)
	void onVirtualThreadsToo(String workers, Ending ending, boolean tls, CapturedOutput output) throws Exception {
		everyRequestTakenIsAnsweredOnceInOrderAndCountedExactly(workers, ending, tls, output);
	}

	@ParameterizedTest(name = "drain: worker-threads={0}, plain and tls")
	@ValueSource(strings = "virtual")
	@EnabledForJreRange(min = JRE.JAVA_21)
	void shutdownOnVirtualThreadsToo(String workers, CapturedOutput output) throws Exception {
		shutdownAnswersEveryRequestReadOnEveryConnection(workers, output);
	}

	static byte[] batch(int run, int depth) {
		StringBuilder batch = new StringBuilder();
		for (int id = 0; id < depth; id++) {
			batch.append("ECHO ").append(run).append(" id ").append(id).append("\r\n");
		}
		return batch.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** What one connection of a cell saw: requests the server took, and reply frames. */
	record Seen(long requests, long frames) {
	}

	/** One connection of a cell. */
	private static Seen runOnce(int port, boolean tls, Ending ending, String run) throws Exception {
		List<String> requests = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		int beforeQuit = DEPTH / 2;
		long taken = 0;
		for (int id = 0; id < DEPTH; id++) {
			if (ending == Ending.QUIT && id == beforeQuit) {
				requests.add("QUIT");
				expected.add("BYE");
				taken++;
			}
			String text = run + " id " + id;
			List<String> frames = switch (id % 3) {
				case 0 -> List.of(text);
				case 1 -> List.of();
				default -> List.of(text + " a", text + " b");
			};
			requests.add(switch (id % 3) {
				case 0 -> "ECHO " + text;
				case 1 -> "QUIET " + text;
				default -> "TWICE " + text;
			});
			boolean answered = switch (ending) {
				case FIN, NO_FIN -> true;
				case QUIT -> id < beforeQuit;
				case SINGLE_USE -> id == 0;
			};
			if (answered) {
				expected.addAll(frames);
				taken++;
			}
		}
		StringBuilder batch = new StringBuilder();
		requests.forEach((request) -> batch.append(request).append("\r\n"));
		try (TcpTestClient client = tls ? TcpTestClient.over(certificates.connect(port, null), "lf")
				: TcpTestClient.connect(port)) {
			client.sendRaw(batch.toString().getBytes(StandardCharsets.UTF_8));
			if (ending == Ending.NO_FIN) {
				List<String> replies = new ArrayList<>();
				for (int i = 0; i < expected.size(); i++) {
					replies.add(client.receive());
				}
				assertThat(client.request("PING")).as(run + ": the reply after the batch").isEqualTo("PONG");
				assertThat(replies).as(run + ": replies in order, each once").containsExactlyElementsOf(expected);
				return new Seen(taken + 1, expected.size() + 1);
			}
			if (ending == Ending.FIN) {
				client.shutdownOutput();
			}
			List<String> replies = client.readUntilClosed().lines().toList();
			assertThat(replies).as(run + ": replies in order, each once, %d of %d", replies.size(), expected.size())
				.containsExactlyElementsOf(expected);
			return new Seen(taken, replies.size());
		}
	}

}
