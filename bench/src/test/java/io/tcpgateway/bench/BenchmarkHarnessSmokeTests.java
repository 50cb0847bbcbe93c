package io.tcpgateway.bench;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tcpgateway.bench.LoadGenerator.Mode;
import io.tcpgateway.bench.LoadGenerator.Options;
import io.tcpgateway.bench.LoadGenerator.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The benchmark harness still works: each load mode runs briefly against the raw Netty server
 * in this JVM without errors, and the push benchmark runs end to end against the real server. No
 * timing is asserted; this JVM shares its cores with the build.
 */
class BenchmarkHarnessSmokeTests {

	static RawNettyServer server;

	@BeforeAll
	static void startServer() throws InterruptedException {
		server = RawNettyServer.start(0);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void persistentConnectionsGetTheirOwnEchoes() throws Exception {
		// the server runs in this JVM: its CPU time is this process's
		Options options = Options.of(server.port(), Mode.PERSISTENT, 4)
			.timing(0.3, 1, 0)
			.withServerPid(ProcessHandle.current().pid());
		Result result = LoadGenerator.run(options);
		assertThat(result.ok()).isPositive();
		assertThat(result.err()).isZero();
		assertThat(result.p99Us()).isPositive();
		assertThat(result.serverCpuUsPerRequest()).isPositive();
		assertThat(result.line()).startsWith("rps=").contains(" ok=" + result.ok() + " err=0 ");
	}

	@Test
	void connectionPerRequest() throws Exception {
		Result result = LoadGenerator.run(Options.of(server.port(), Mode.PER_REQUEST_CONNECT, 4).timing(0.2, 1, 0));
		assertThat(result.ok()).isPositive();
		assertThat(result.err()).isZero();
	}

	@Test
	void idleConnectionsStayOpenThroughTheHold() throws Exception {
		Result result = LoadGenerator.run(Options.of(server.port(), Mode.IDLE, 20).timing(0, 1, 0.3));
		assertThat(result.ok()).isEqualTo(20);
		assertThat(result.err()).isZero();
		assertThat(result.aliveEnd()).isEqualTo(20);
	}

	/**
	 * bench/push.sh --smoke end to end: the real server with the push plugin on its loader path,
	 * 100 clients that log in and check every frame pushed to them. It needs the product's fat jar
	 * in ../target, which the product's build has made by the time it runs these tests.
	 */
	@Test
	void thePushBenchmarkChecksEveryFramePushedToItsClients() throws Exception {
		Path jar;
		try (Stream<Path> built = Files.list(Path.of("..", "target"))) {
			jar = built.filter((file) -> file.getFileName().toString().matches("tcp-gateway-.*(?<!-plain|-api)\\.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no fat jar in ../target: build the product first (./mvnw package)"));
		}
		catch (NoSuchFileException ex) {
			throw new AssertionError("no ../target: build the product first (./mvnw package)", ex);
		}
		Path output = Files.createTempFile("push-smoke", ".out");
		ProcessBuilder script = new ProcessBuilder("bash", "push.sh", "--smoke").redirectErrorStream(true)
			.redirectOutput(output.toFile());
		script.environment().put("BENCH_APP_JAR", jar.toAbsolutePath().toString());
		script.environment().put("BENCH_CLASSPATH", System.getProperty("java.class.path"));
		Process process = script.start();
		boolean ended = process.waitFor(10, TimeUnit.MINUTES);
		if (!ended) {
			process.destroy();
			process.waitFor(30, TimeUnit.SECONDS);
		}
		String printed = Files.readString(output);
		Files.delete(output);
		System.out.println(printed);
		assertThat(ended).as("push.sh --smoke ended within 10 minutes:%n%s", printed).isTrue();
		assertThat(process.exitValue()).as("exit code of push.sh --smoke:%n%s", printed).isZero();
		assertThat(printed).containsPattern("pushes_per_s=[1-9]\\d* .* refused=0 not_connected=0 bad=0 logged_in=100 ");
	}

	@Test
	void aReplyToAnotherRequestIsNoMatch() {
		// what catches reordered or mixed-up replies: each request's payload carries its own id
		EchoRequest request = new EchoRequest(7, 64);
		request.next();
		ByteBuf line = request.encode(UnpooledByteBufAllocator.DEFAULT);
		try {
			ByteBuf firstPayload = line.slice("ECHO ".length(), 64);
			assertThat(request.isEchoedBy(firstPayload)).isTrue();
			request.next();
			assertThat(request.isEchoedBy(firstPayload)).isFalse();
		}
		finally {
			line.release();
		}
	}

	@Test
	void thePushClientsRefuseOptionsTheyDoNotKnow() {
		assertThatIllegalArgumentException().isThrownBy(() -> PushClients.Options.parse("--port=9000", "--host=192.0.2.1"));
		assertThatIllegalArgumentException().isThrownBy(() -> PushClients.Options.parse("--port=9000", "--window=0"));
	}

	@Test
	void refusesToLeaveLoopback() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--host=192.0.2.1", "--port=9000"));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--port=9000", "--connection=3"));
	}

}
