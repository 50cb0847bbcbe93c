package io.tcpgateway.server;

import java.time.Duration;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.connection.ConnectionEvents;
import io.tcpgateway.server.connection.TurnAnswerer;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.dispatch.Transport;
import io.tcpgateway.server.dispatch.WorkerThreads;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.proxy.ProxyProtocol;
import io.tcpgateway.server.view.TrafficRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each connection's pipeline holds the stages its listener's settings ask for, in byte order. */
class ServerChannelInitializerTests {

	static final ServerThreads THREADS = new ServerThreads(Transport.NIO, 1, WorkerThreads.NONE, 1, Duration.ZERO);

	static final ConnectionEvents NOT_ADMITTED = new ConnectionEvents() {
		@Override
		public TurnAnswerer opened(Connection connection) {
			throw new AssertionError("not admitted in this test");
		}

		@Override
		public void closed(Connection connection) {
			throw new AssertionError("not admitted in this test");
		}

		@Override
		public boolean bind(Connection connection, String key, String previous) {
			throw new AssertionError("not admitted in this test");
		}
	};

	@AfterAll
	static void stopThreads() {
		THREADS.destroy();
	}

	static List<String> pipelineOf(ListenerSettings settings) {
		ServerChannelInitializer initializer = new ServerChannelInitializer(settings,
				TestSettings.admission(settings, TrafficRecorder.NONE), NOT_ADMITTED, THREADS, InputBudget.unbounded(),
				() -> TrafficRecorder.NONE);
		// not registered, so not active: nothing is admitted, the pipeline is only built
		EmbeddedChannel channel = new EmbeddedChannel(false, false);
		initializer.initChannel(channel);
		return channel.pipeline().names().stream().filter((name) -> !name.startsWith("DefaultChannelPipeline") && !name.startsWith("EmbeddedChannel")).toList();
	}

	@Test
	void aPlainListenerCountsFramesAndAnswers() {
		assertThat(pipelineOf(TestSettings.lf())).containsExactly("byteCounter", "admission", "frameReader",
				"connection");
	}

	@Test
	void proxyStxAndIdleStagesGoWhereTheyBelong() {
		ListenerSettings lf = TestSettings.with(0, false, Duration.ofSeconds(5), ProxyProtocol.V2, List.of());
		ListenerSettings stx = new ListenerSettings(lf.name(), lf.address(), lf.backlog(), Codec.STX_ETX, 100,
				false, Duration.ofSeconds(5), true, true, lf.writeTimeout(), null, ProxyProtocol.V2, lf.admission(),
				lf.charset(), null, false, 32, 65536, Codec.LF.endingWithBareLf(), true);
		assertThat(pipelineOf(stx)).containsExactly("byteCounter", "admission", "proxyDetector", "proxyHeader",
				"frameReader", "idleTimeout", "connection");
	}

}
