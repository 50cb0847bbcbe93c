package io.tcpgateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.tcpgateway.support.FatJar;
import io.tcpgateway.support.FatJarProcess;
import io.tcpgateway.support.Haproxy;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances of the fat jar behind a real HAProxy (the configuration in
 * {@code deploy/haproxy/haproxy.cfg}, with the instances on 127.0.0.2 and 127.0.0.3 and free
 * ports swapped in, since its health check expects every instance's Actuator on one port), under continuous
 * load: the PROXY v2 header gives the instances the real client address, a SIGTERM'd instance
 * drains without losing a request it has read, and a SIGKILL'd one costs only the requests in
 * flight on it. Skipped only when {@code haproxy} is not installed (CI installs it).
 */
class HaproxyFailoverIT {

	/** How long HAProxy may take to see a state change (checks run every 1 s or faster). */
	private static final Duration HAPROXY_SEES = Duration.ofSeconds(30);

	private static final int PERSISTENT_CLIENTS = 8;

	private static final int PER_REQUEST_CLIENTS = 4;

	private static final Pattern DRAIN_SUMMARY = Pattern.compile("TCP drain finished in (\\d+) ms: closed (\\d+) of "
			+ "(\\d+) connections \\((\\d+) still open at the deadline\\); received (\\d+) messages, sent (\\d+) replies");

	@TempDir
	Path dir;

	private final List<AutoCloseable> started = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<String> figures = new ArrayList<>();

	private String haproxyExecutable;

	private Haproxy haproxy;

	private Load load;

	@BeforeEach
	void haproxyIsInstalled() {
		this.haproxyExecutable = Haproxy.find();
		assumeTrue(this.haproxyExecutable != null, "haproxy is not installed (not on PATH); CI installs it (.ci/run)");
	}

	@AfterEach
	void stopEverythingWeStarted() throws Exception {
		if (this.load != null) {
			this.load.stop();
		}
		List<AutoCloseable> processes = new ArrayList<>(this.started);
		Collections.reverse(processes);
		for (AutoCloseable process : processes) {
			process.close();
		}
	}

	@Test
	@Timeout(value = 240, unit = TimeUnit.SECONDS)
	void realClientAddressesThroughHaproxyAndNoReadRequestLostOnDrainOrFailover() throws Throwable {
		long testStart = System.nanoTime();
		int[] ports = FatJar.freePortsOn(2, "127.0.0.2", "127.0.0.3");
		int tcpPort = ports[0];
		int httpPort = ports[1];
		Instance a = new Instance("A", "127.0.0.2", tcpPort, httpPort);
		Instance b = new Instance("B", "127.0.0.3", tcpPort, httpPort);
		int frontPort = freePort();
		a.start("a-1.log");
		b.start("b.log");
		a.awaitReady();
		b.awaitReady();
		Haproxy proxy = startHaproxy(frontPort, a, b);
		try {
			awaitServer("gw1", true);
			awaitServer("gw2", true);
			figure("started: A on %s, B on %s, tcp %d http %d, HAProxy on %d (pid %d), after %d ms", a.address,
					b.address, tcpPort, httpPort, frontPort, proxy.pid(), millisSince(testStart));

			// Persistent clients connect one after another before any other traffic, so that
			// round robin spreads them evenly over both instances.
			this.load = new Load(frontPort);
			this.load.start();
			sleep(3000);

			// a. real client addresses, correct replies
			assertThat(this.load.mismatches()).as("wrong replies").isZero();
			assertThat(this.load.failed(Phase.STEADY)).as("failed requests with both instances up: %s",
					this.load.events())
				.isZero();
			List<Connection> onA = connections(a);
			List<Connection> onB = connections(b);
			// a per-request client records its port right after its connect returns
			Set<Integer> listed = ports(concat(onA, onB));
			await("every listed connection's client port recorded").atMost(Duration.ofSeconds(5))
				.until(() -> this.load.everyClientPort().containsAll(listed));
			Set<Integer> clientPorts = this.load.everyClientPort();
			figure("tcpconnections: A lists %d connections, B lists %d; client ports known: %d", onA.size(),
					onB.size(), clientPorts.size());
			for (Connection connection : concat(onA, onB)) {
				assertThat(connection.remoteAddress()).as("remoteAddress of %s", connection).isEqualTo("127.0.0.1");
				assertThat(clientPorts).as("remotePort of %s is a client's local port, not HAProxy's", connection)
					.contains(connection.remotePort());
			}
			Map<Integer, Integer> persistentPorts = this.load.persistentPorts();
			Set<Integer> portsOnA = ports(onA);
			Set<Integer> portsOnB = ports(onB);
			Set<Integer> attachedToA = new HashSet<>();
			for (Map.Entry<Integer, Integer> client : persistentPorts.entrySet()) {
				boolean isOnA = portsOnA.contains(client.getValue());
				boolean isOnB = portsOnB.contains(client.getValue());
				assertThat(isOnA ^ isOnB).as("persistent client %d (local port %d) is listed by exactly one instance",
						client.getKey(), client.getValue())
					.isTrue();
				if (isOnA) {
					attachedToA.add(client.getKey());
				}
			}
			assertThat(portsOnA).as("A lists a persistent client by its own port").containsAnyElementsOf(persistentPorts.values());
			assertThat(portsOnB).as("B lists a persistent client by its own port").containsAnyElementsOf(persistentPorts.values());
			figure("persistent clients on A: %s, on B: the other %d", attachedToA,
					PERSISTENT_CLIENTS - attachedToA.size());

			// b. SIGTERM to A: it drains; nothing it has read is lost
			this.load.enter(Phase.DRAIN_A);
			long sigterm = System.nanoTime();
			a.process().destroy();
			String readiness = awaitReadinessNotUp(a);
			figure("SIGTERM to A (pid %d): readiness %s", a.process().pid(), readiness);
			awaitServer("gw1", false);
			figure("HAProxy marked A DOWN %d ms after SIGTERM", millisSince(sigterm));
			assertThat(a.process().waitFor(40, TimeUnit.SECONDS)).as("A exits after its drain").isTrue();
			figure("A exited with %d, %d ms after SIGTERM", a.process().exitValue(), millisSince(sigterm));
			assertThat(a.process().exitValue()).isIn(0, 143);
			Matcher summary = DRAIN_SUMMARY.matcher(Files.readString(a.log));
			assertThat(summary.find()).as("A logged its drain summary").isTrue();
			figure("A: %s", summary.group());
			assertThat(summary.group(5)).as("A sent a reply to every message it received").isEqualTo(summary.group(6));
			assertThat(Long.parseLong(summary.group(5))).as("A received messages").isPositive();
			assertThat(summary.group(4)).as("connections still open on A at the deadline").isEqualTo("0");
			sleep(2000);
			assertThat(this.load.mismatches()).as("wrong replies").isZero();
			// tcp.server.shutdown-delay keeps A accepting for a while after its readiness turns DOWN,
			// until HAProxy's health check has taken it out, so no connect races A's listener close:
			// clients that connect per request see no failure at all.
			for (Client client : this.load.perRequest) {
				assertThat(client.failed(Phase.DRAIN_A)).as("per-request %s failures while A drains: %s", client,
						this.load.events())
					.isZero();
				assertThat(client.ok(Phase.DRAIN_A)).as("per-request %s served while A drains", client).isPositive();
			}
			figure("per-request connects closed unanswered by A's listener closing: %d",
					this.load.perRequest.stream().mapToLong((client) -> client.failed(Phase.DRAIN_A)).sum());
			for (Client client : this.load.persistent) {
				int allowed = attachedToA.contains(client.index) ? 1 : 0;
				assertThat(client.failed(Phase.DRAIN_A)).as("%s failures while A drains (%s A): %s", client,
						(allowed == 1) ? "was on" : "was not on", this.load.events())
					.isLessThanOrEqualTo(allowed);
				assertThat(client.ok(Phase.DRAIN_A)).as("%s served while A drains", client).isPositive();
			}
			assertThat(ports(connections(b))).as("every persistent client now on B")
				.containsAll(this.load.persistentPorts().values());
			figure("phase drain A: %s", this.load.tally(Phase.DRAIN_A));

			// c. A back, then SIGKILL to B: only requests in flight on B fail
			a.start("a-2.log");
			a.awaitReady();
			awaitServer("gw1", true);
			this.load.enter(Phase.A_BACK);
			figure("A restarted (pid %d), UP in HAProxy %d ms after SIGTERM", a.process().pid(), millisSince(sigterm));
			await("restarted A serves requests through HAProxy").atMost(Duration.ofSeconds(20))
				.until(() -> messagesReceived(a) > 0);
			sleep(2000);
			figure("phase A back: %s", this.load.tally(Phase.A_BACK));
			this.load.enter(Phase.KILL_B);
			long sigkill = System.nanoTime();
			b.process().destroyForcibly();
			assertThat(b.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
			awaitServer("gw2", false);
			figure("SIGKILL to B (pid %d): exit %d; HAProxy marked B DOWN %d ms after", b.process().pid(),
					b.process().exitValue(), millisSince(sigkill));
			sleep(3000);
			Set<Integer> onlyA = ports(connections(a));
			Map<Integer, Integer> persistentNow = this.load.persistentPorts();
			this.load.stop();
			figure("after SIGKILL to B, A lists %d connections", onlyA.size());
			figure("phase kill B: %s", this.load.tally(Phase.KILL_B));
			figure("HAProxy retries/redispatches: gw1 %s/%s, gw2 %s/%s", stat("gw1", "wretr"), stat("gw1", "wredis"),
					stat("gw2", "wretr"), stat("gw2", "wredis"));
			for (Phase phase : Phase.values()) {
				figure("%-9s %s", phase, this.load.tally(phase));
			}
			figure("failures: %s", this.load.events());
			figure("whole test %d ms", millisSince(testStart));

			assertThat(this.load.mismatches()).as("wrong replies").isZero();
			assertThat(this.load.failed(Phase.STEADY)).as("failed requests with both instances up").isZero();
			assertThat(this.load.connectFailures.get()).as("failed connects to HAProxy").isZero();
			assertThat(this.load.partialReplies.get()).as("replies cut in the middle").isZero();
			for (Client client : this.load.all()) {
				assertThat(client.failed(Phase.A_BACK)).as("%s failures with A back", client).isZero();
				assertThat(client.failed(Phase.KILL_B)).as("%s failures after SIGKILL to B (at most its one request "
						+ "in flight): %s", client, this.load.events())
					.isLessThanOrEqualTo(1);
				assertThat(client.ok(Phase.KILL_B)).as("%s served by A after B died", client).isPositive();
			}
			assertThat(onlyA).as("every persistent client now on A").containsAll(persistentNow.values());
		}
		catch (Throwable failure) {
			diagnostics(a, b);
			throw failure;
		}
		finally {
			this.figures.forEach((line) -> System.out.println("[haproxy-it] " + line));
		}
	}

	// --- the instances ---------------------------------------------------------------------

	private final class Instance {

		final String name;

		final String address;

		final int tcpPort;

		final int httpPort;

		FatJarProcess app;

		Path log;

		Instance(String name, String address, int tcpPort, int httpPort) {
			this.name = name;
			this.address = address;
			this.tcpPort = tcpPort;
			this.httpPort = httpPort;
		}

		void start(String logName) throws IOException {
			this.log = HaproxyFailoverIT.this.dir.resolve(logName);
			// HAProxy connects from 127.0.0.1 to either address
			this.app = FatJarProcess.start(this.log, Map.of(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
					List.of("--tcp.server.host=" + this.address, "--tcp.server.port=" + this.tcpPort,
							"--server.address=" + this.address, "--server.port=" + this.httpPort,
							"--tcp.server.proxy-protocol=v2", "--tcp.server.trusted-proxies=127.0.0.1",
							"--spring.lifecycle.timeout-per-shutdown-phase=20s", "--tcp.server.shutdown-delay=2s"));
			HaproxyFailoverIT.this.started.add(this.app);
		}

		Process process() {
			return this.app.process();
		}

		void awaitReady() {
			await(this.name + " ready (" + this.log.getFileName() + ")").atMost(FatJarProcess.STARTUP).until(() -> {
				if (!process().isAlive()) {
					fail(this.name + " exited with " + process().exitValue() + ":\n" + tail(this.log, 60));
				}
				return readiness(this) == 200;
			});
		}

		String url(String path) {
			return "http://" + this.address + ":" + this.httpPort + path;
		}

	}

	private int readiness(Instance instance) {
		try {
			return get(instance.url("/actuator/health/readiness")).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** Polls A's readiness right after SIGTERM until it is no longer 200. */
	private String awaitReadinessNotUp(Instance instance) {
		long start = System.nanoTime();
		int status = await("readiness of " + instance.name + " no longer UP after SIGTERM").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> readiness(instance), (readiness) -> readiness == 503 || readiness == -1);
		return ((status == 503) ? "DOWN (503) " : "gone (HTTP refused, web server already stopped) ") + millisSince(start)
				+ " ms after SIGTERM";
	}

	private List<Connection> connections(Instance instance) throws Exception {
		HttpResponse<String> response = get(instance.url("/actuator/tcpconnections"));
		assertThat(response.statusCode()).as("GET /actuator/tcpconnections of %s", instance.name).isEqualTo(200);
		List<Map<String, Object>> listed = JsonPath.read(response.body(), "$.connections[*]");
		List<Connection> connections = new ArrayList<>();
		for (Map<String, Object> connection : listed) {
			connections.add(new Connection(String.valueOf(connection.get("id")),
					String.valueOf(connection.get("remoteAddress")),
					((Number) connection.get("remotePort")).intValue()));
		}
		return connections;
	}

	private long messagesReceived(Instance instance) throws Exception {
		HttpResponse<String> response = get(instance.url("/actuator/metrics/tcp.server.messages.received"));
		if (response.statusCode() != 200) {
			return 0;
		}
		Number value = JsonPath.read(response.body(), "$.measurements[0].value");
		return value.longValue();
	}

	private HttpResponse<String> get(String url) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	record Connection(String id, String remoteAddress, int remotePort) {
	}

	private static Set<Integer> ports(List<Connection> connections) {
		Set<Integer> ports = new HashSet<>();
		connections.forEach((connection) -> ports.add(connection.remotePort()));
		return ports;
	}

	// --- HAProxy ---------------------------------------------------------------------------

	/** HAProxy on the project's configuration with the example addresses replaced by ours. */
	private Haproxy startHaproxy(int frontPort, Instance a, Instance b) throws Exception {
		this.haproxy = Haproxy.inFrontOf(this.haproxyExecutable, this.dir, frontPort, a.address, b.address, a.tcpPort,
				a.httpPort);
		this.started.add(this.haproxy);
		return this.haproxy;
	}

	private void awaitServer(String server, boolean up) {
		this.haproxy.awaitServer(server, up, HAPROXY_SEES);
	}

	private String stat(String server, String column) throws IOException {
		return this.haproxy.stat(server, column);
	}

	// --- load ------------------------------------------------------------------------------

	enum Phase {

		/** Both instances up. */
		STEADY,
		/** From SIGTERM to A until the restarted A is UP in HAProxy. */
		DRAIN_A,
		/** A back, B up. */
		A_BACK,
		/** From SIGKILL to B on. */
		KILL_B

	}

	/** Clients that send unique ECHO requests through HAProxy until stopped (bounded anyway). */
	private static final class Load {

		private static final long MAX_RUN_NANOS = TimeUnit.SECONDS.toNanos(150);

		private static final int MAX_REQUESTS_PER_CLIENT = 2_000_000;

		private static final int MAX_EVENTS = 200;

		final int port;

		final List<Client> persistent = new ArrayList<>();

		final List<Client> perRequest = new ArrayList<>();

		final Set<Integer> perRequestPorts = ConcurrentHashMap.newKeySet();

		final AtomicLong mismatches = new AtomicLong();

		/** Connects to HAProxy that failed: HAProxy itself is never down in this test. */
		final AtomicLong connectFailures = new AtomicLong();

		/** Connections closed in the middle of a reply: a lost request is lost whole, never cut. */
		final AtomicLong partialReplies = new AtomicLong();

		final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

		final AtomicInteger eventCount = new AtomicInteger();

		final long deadline = System.nanoTime() + MAX_RUN_NANOS;

		final List<Thread> threads = new ArrayList<>();

		volatile Phase phase = Phase.STEADY;

		volatile boolean stopping;

		Load(int port) {
			this.port = port;
		}

		void start() throws IOException {
			for (int i = 0; i < PERSISTENT_CLIENTS; i++) {
				Client client = new Client(this, "persistent", i, true);
				// One after another, each with a first request: HAProxy picks the server when
				// the first bytes arrive (inspect-delay), so round robin alternates A and B.
				client.connect();
				assertThat(client.connection.request("ECHO hello-" + i)).isEqualTo("hello-" + i);
				this.persistent.add(client);
			}
			for (int i = 0; i < PER_REQUEST_CLIENTS; i++) {
				this.perRequest.add(new Client(this, "per-request", i, false));
			}
			for (Client client : all()) {
				Thread thread = new Thread(client::run, "load-" + client);
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
		}

		List<Client> all() {
			List<Client> all = new ArrayList<>(this.persistent);
			all.addAll(this.perRequest);
			return all;
		}

		boolean running() {
			return !this.stopping && System.nanoTime() < this.deadline;
		}

		void enter(Phase phase) {
			this.phase = phase;
		}

		void stop() {
			this.stopping = true;
			for (Thread thread : this.threads) {
				try {
					thread.join(15_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			for (Client client : this.persistent) {
				client.disconnect();
			}
		}

		void event(String event) {
			if (this.eventCount.incrementAndGet() <= MAX_EVENTS) {
				this.events.add(event);
			}
		}

		List<String> events() {
			return new ArrayList<>(this.events);
		}

		long mismatches() {
			return this.mismatches.get();
		}

		long failed(Phase phase) {
			return all().stream().mapToLong((client) -> client.failed(phase)).sum();
		}

		/** Persistent client index to the local port of its current connection. */
		Map<Integer, Integer> persistentPorts() {
			Map<Integer, Integer> ports = new HashMap<>();
			for (Client client : this.persistent) {
				ports.put(client.index, client.localPort);
			}
			return ports;
		}

		Set<Integer> everyClientPort() {
			Set<Integer> ports = new HashSet<>(this.perRequestPorts);
			for (Client client : this.persistent) {
				ports.addAll(client.pastPorts);
			}
			return ports;
		}

		String tally(Phase phase) {
			StringBuilder text = new StringBuilder();
			for (List<Client> kind : List.of(this.persistent, this.perRequest)) {
				long ok = kind.stream().mapToLong((client) -> client.ok(phase)).sum();
				long failed = kind.stream().mapToLong((client) -> client.failed(phase)).sum();
				StringBuilder perClient = new StringBuilder();
				for (Client client : kind) {
					perClient.append(perClient.isEmpty() ? "" : " ").append(client.failed(phase));
				}
				text.append(text.isEmpty() ? "" : "; ")
					.append(kind.get(0).kind)
					.append(" ok ")
					.append(ok)
					.append(" failed ")
					.append(failed)
					.append(" [per client ")
					.append(perClient)
					.append(']');
			}
			return text.toString();
		}

	}

	private static final class Client {

		private static final long RECONNECT_BACKOFF_MILLIS = 250;

		final Load load;

		final String kind;

		final int index;

		final boolean persistent;

		final AtomicLongArray ok = new AtomicLongArray(Phase.values().length);

		final AtomicLongArray failed = new AtomicLongArray(Phase.values().length);

		final Set<Integer> pastPorts = ConcurrentHashMap.newKeySet();

		volatile int localPort;

		private TcpTestClient connection;

		private long sequence;

		Client(Load load, String kind, int index, boolean persistent) {
			this.load = load;
			this.kind = kind;
			this.index = index;
			this.persistent = persistent;
		}

		long ok(Phase phase) {
			return this.ok.get(phase.ordinal());
		}

		long failed(Phase phase) {
			return this.failed.get(phase.ordinal());
		}

		void connect() throws IOException {
			this.connection = TcpTestClient.connect(this.load.port);
			this.localPort = this.connection.socket().getLocalPort();
			if (this.persistent) {
				this.pastPorts.add(this.localPort);
			}
			else {
				this.load.perRequestPorts.add(this.localPort);
			}
		}

		void disconnect() {
			TcpTestClient current = this.connection;
			this.connection = null;
			if (current != null) {
				try {
					current.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

		void run() {
			int requests = 0;
			while (this.load.running() && requests++ < Load.MAX_REQUESTS_PER_CLIENT) {
				String payload = this.kind.charAt(0) + "" + this.index + "-" + (++this.sequence) + "-"
						+ Long.toHexString(ThreadLocalRandom.current().nextLong());
				try {
					if (this.connection == null) {
						connect();
					}
					String reply = this.connection.request("ECHO " + payload);
					if (reply.equals(payload)) {
						this.ok.incrementAndGet(this.load.phase.ordinal());
					}
					else {
						this.load.mismatches.incrementAndGet();
						this.load.event(this + " sent " + payload + " got " + reply);
						disconnect();
					}
				}
				catch (IOException ex) {
					Phase phase = this.load.phase;
					if (this.connection == null) {
						this.load.connectFailures.incrementAndGet();
					}
					else if (ex.getMessage() != null && ex.getMessage().startsWith("connection closed after ")
							&& !ex.getMessage().startsWith("connection closed after 0 bytes")) {
						this.load.partialReplies.incrementAndGet();
					}
					this.failed.incrementAndGet(phase.ordinal());
					this.load.event(phase + " " + this + " request " + this.sequence + " (local port " + this.localPort
							+ "): " + ex);
					disconnect();
					// a client backs off before it reconnects; a SIGKILL'd process takes a few
					// tens of ms to die, and its listening socket completes TCP connects meanwhile
					pause(RECONNECT_BACKOFF_MILLIS);
				}
				if (!this.persistent) {
					disconnect();
				}
				pause(this.persistent ? 2 : 10);
			}
		}

		private static void pause(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public String toString() {
			return this.kind + "#" + this.index;
		}

	}

	// --- helpers ---------------------------------------------------------------------------

	private void figure(String format, Object... args) {
		String line = String.format(format, args);
		this.figures.add(line);
	}

	private void diagnostics(Instance a, Instance b) {
		System.out.println("[haproxy-it] FAILED; figures so far:");
		this.figures.forEach((line) -> System.out.println("[haproxy-it]   " + line));
		this.figures.clear();
		if (this.load != null) {
			System.out.println("[haproxy-it] failures: " + this.load.events());
		}
		for (Path log : List.of(this.dir.resolve("a-1.log"), this.dir.resolve("a-2.log"), this.dir.resolve("b.log"))) {
			System.out.println("[haproxy-it] --- tail of " + log.getFileName() + "\n" + tail(log, 30));
		}
		Path haproxyLog = this.dir.resolve("haproxy.log");
		try {
			if (Files.exists(haproxyLog)) {
				System.out.println("[haproxy-it] --- HAProxy state changes and abnormal sessions");
				Files.readAllLines(haproxyLog)
					.stream()
					.filter((line) -> line.contains("Server ") || line.contains("backend ") || line.contains("ALERT")
							|| line.contains("WARNING") || !line.matches(".* -- \\d+/.*"))
					.limit(200)
					.forEach(System.out::println);
			}
		}
		catch (IOException ex) {
			System.out.println("[haproxy-it] cannot read " + haproxyLog + ": " + ex);
		}
	}

	private static String tail(Path log, int lines) {
		try {
			if (!Files.exists(log)) {
				return "(no file)";
			}
			List<String> all = Files.readAllLines(log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read: " + ex + ")";
		}
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	private static long millisSince(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
	}

	/** Load runs on its own for this long: no condition to wait for, the traffic itself is the point. */
	private static void sleep(long millis) throws InterruptedException {
		Thread.sleep(millis);
	}

	private final Set<Integer> portsTaken = new HashSet<>();

	/** A free port on 127.0.0.1, different from the others this test picked. */
	private int freePort() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			int port = FatJar.freePort();
			if (this.portsTaken.add(port)) {
				return port;
			}
		}
		throw new IOException("no distinct free port after 20 attempts");
	}

}
