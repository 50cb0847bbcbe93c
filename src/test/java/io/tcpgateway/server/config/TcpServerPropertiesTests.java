package io.tcpgateway.server.config;

import java.time.Duration;

import io.tcpgateway.server.dispatch.Transport;
import io.tcpgateway.server.dispatch.WorkerThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings every listener shares (threads, worker queue, timeouts, drain) bind as
 * documented, and a value that cannot work stops startup naming the property and what is
 * allowed. Bound from a map as the application binds them.
 */
class TcpServerPropertiesTests {

	@Test
	void unsetTheyAreTheDocumentedDefaults() {
		TcpServerProperties server = BoundSettings.of().server();
		assertThat(server.eventLoopThreads()).isZero();
		assertThat(server.workerThreads()).isEqualTo(WorkerThreads.NONE);
		assertThat(server.transport()).isEqualTo(Transport.AUTO);
		assertThat(server.workerQueue()).isEqualTo(10000);
		assertThat(server.requestTimeout()).isZero();
		assertThat(server.shutdownDelay()).isZero();
		assertThat(server.listeners()).isEmpty();
	}

	@Test
	void sharedThreadSettingsOutOfRangeNameThePropertyAndWhatIsAllowed() {
		assertThat(BoundSettings.of("tcp.server.event-loop-threads=-1").failureReport())
			.contains("tcp.server.event-loop-threads must be 0 (one per CPU core) or more, was -1",
					"TCP_SERVER_EVENTLOOPTHREADS");
		assertThat(BoundSettings.of("tcp.server.worker-queue=0").failureReport())
			.contains("tcp.server.worker-queue must be at least 1, was 0");
	}

	@Test
	void anUnknownTransportNamesTheAllowedValues() {
		assertThat(BoundSettings.of("tcp.server.transport=iouring").failureReport()).contains("tcp.server.transport",
				"AUTO", "EPOLL", "NIO");
	}

	@Test
	void anUnknownWorkerThreadsValueNamesTheAllowedOnes() {
		assertThat(BoundSettings.of("tcp.server.worker-threads=lots").failureReport())
			.contains("tcp.server.worker-threads")
			.contains("'lots' is not a worker-threads value; allowed: 0 (the I/O threads), a number of platform "
					+ "threads, or virtual");
	}

	@Test
	void aRequestTimeoutNeedsWorkerThreads() {
		assertThat(BoundSettings.of("tcp.server.request-timeout=1s").failureReport())
			.contains("tcp.server.request-timeout needs tcp.server.worker-threads");
		assertThat(BoundSettings.of("tcp.server.request-timeout=1s", "tcp.server.worker-threads=4")
			.server()
			.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void negativeDurationsNameTheirProperty() {
		assertThat(BoundSettings.of("tcp.server.worker-threads=4", "tcp.server.request-timeout=-1s").failureReport())
			.contains("tcp.server.request-timeout must be 0 (no limit) or positive, was PT-1S");
		assertThat(BoundSettings.of("tcp.server.shutdown-delay=-1s").failureReport())
			.contains("tcp.server.shutdown-delay must be 0 (stop accepting at once) or positive, was PT-1S");
	}

	@Test
	void sessionsAreLocalWithNoOfflineQueueUnlessSet() {
		SessionsProperties sessions = BoundSettings.of().server().sessions();
		assertThat(sessions.store()).isEqualTo(SessionsProperties.SessionStoreKind.LOCAL);
		assertThat(sessions.offlineQueue()).isEqualTo(new SessionsProperties.OfflineQueueProperties(0,
				Duration.ofHours(1), 100_000));
		assertThat(sessions.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void sessionSettingsThatCannotWorkNameTheirPropertyAndWhatIsAllowed() {
		assertThat(BoundSettings.of("tcp.server.sessions.store=memcached").failureReport())
			.contains("tcp.server.sessions.store", "LOCAL", "REDIS");
		assertThat(BoundSettings.of("tcp.server.sessions.store=redis").failureReport())
			.contains("tcp.server.sessions.store=redis needs tcp.server.worker-threads");
		assertThat(BoundSettings.of("tcp.server.sessions.store=redis", "tcp.server.worker-threads=2")
			.server()
			.sessions()
			.store()).isEqualTo(SessionsProperties.SessionStoreKind.REDIS);
		assertThat(BoundSettings.of("tcp.server.sessions.offline-queue.max-per-key=-1").failureReport())
			.contains("tcp.server.sessions.offline-queue.max-per-key must be 0 (no queue) or more, was -1");
		assertThat(BoundSettings.of("tcp.server.sessions.offline-queue.ttl=0s").failureReport())
			.contains("tcp.server.sessions.offline-queue.ttl must be positive (such as 1h), was PT0S");
		assertThat(BoundSettings.of("tcp.server.sessions.offline-queue.max-keys=0").failureReport())
			.contains("tcp.server.sessions.offline-queue.max-keys must be at least 1, was 0");
		assertThat(BoundSettings.of("tcp.server.sessions.redis-timeout=0s").failureReport())
			.contains("tcp.server.sessions.redis-timeout must be positive (such as 2s), was PT0S");
	}

	@Test
	void virtualThreadsBindOnJava21AndFailStartupSayingSoOnAnOlderJava() {
		BoundSettings virtual = BoundSettings.of("tcp.server.worker-threads=virtual");
		if (Runtime.version().feature() >= 21) {
			assertThat(virtual.server().workerThreads()).isEqualTo(new WorkerThreads(true, 0));
		}
		else {
			assertThat(virtual.failureReport())
				.contains("tcp.server.worker-threads is virtual, which needs Java 21 or newer");
		}
	}

}
