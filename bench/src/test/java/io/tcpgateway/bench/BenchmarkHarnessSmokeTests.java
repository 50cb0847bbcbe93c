package io.tcpgateway.bench;

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
 * in this JVM without errors. No timing is asserted; this JVM shares its cores with the build.
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
	void refusesToLeaveLoopback() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--host=192.0.2.1", "--port=9000"));
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse("--port=9000", "--connection=3"));
	}

}
