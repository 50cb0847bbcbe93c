package io.tcpgateway.server.config;

import java.time.Duration;
import java.util.Map;

import io.tcpgateway.server.dispatch.Transport;
import io.tcpgateway.server.dispatch.WorkerThreads;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What every listener shares, bound from {@code tcp.server.*}: threads, the worker queue and
 * the drain; and the named listeners. Each listener's own settings are
 * {@link ListenerProperties}, under the same prefix for the default listener.
 *
 * @param eventLoopThreads Netty I/O threads; 0 means one per CPU core
 * @param workerThreads where the reply service runs: 0 on the I/O threads (fastest, for services
 * that never block), a number of platform threads, or virtual (a virtual thread per request,
 * Java 21 or newer); each connection's order is kept either way
 * @param transport the Netty transport: auto (epoll where available), epoll or nio
 * @param workerQueue with worker threads, the most requests waiting for a worker, all connections
 * together; one more is answered "ERR server busy"
 * @param requestTimeout with worker threads, how long a request may take before it is answered
 * "ERR timeout" in its place (its late reply is discarded); 0 means no limit
 * @param shutdownDelay on shutdown, how long to keep accepting connections after readiness has
 * turned DOWN, so a load balancer stops routing first; 0 stops accepting at once
 * @param maxBufferedBytes the input all connections of all listeners together may hold before
 * it is framed (partial messages, and messages waiting for their connection); past it, the
 * connections holding input longest are closed. Unset: a quarter of the JVM's direct-memory
 * limit
 * @param sessions session keys, all listeners together
 * @param listeners more listeners beside the default one, by name, each with its own port and any
 * per-listener key (host, codec, ssl.bundle...); a key left unset is the default listener's
 */
@ConfigurationProperties("tcp.server")
public record TcpServerProperties(
		@DefaultValue("0") int eventLoopThreads, @DefaultValue("0") WorkerThreads workerThreads,
		@DefaultValue("auto") Transport transport, @DefaultValue("10000") int workerQueue,
		@DefaultValue("0s") Duration requestTimeout, @DefaultValue("0s") Duration shutdownDelay,
		@Nullable DataSize maxBufferedBytes, @DefaultValue @NestedConfigurationProperty SessionsProperties sessions,
		@DefaultValue Map<String, ListenerProperties> listeners) {

	// checked here rather than with Bean Validation annotations: Hibernate Validator costs about
	// 600 classes and a tenth of the start-up for these few checks (bench/README.md, "Start-up")
	public TcpServerProperties {
		if (eventLoopThreads < 0) {
			throw new InvalidSettingException("tcp.server.event-loop-threads",
					"must be 0 (one per CPU core) or more, was " + eventLoopThreads);
		}
		if (workerQueue < 1) {
			throw new InvalidSettingException("tcp.server.worker-queue", "must be at least 1, was " + workerQueue);
		}
		requireValue("tcp.server.worker-threads", workerThreads);
		requireValue("tcp.server.transport", transport);
		requireValue("tcp.server.request-timeout", requestTimeout);
		requireValue("tcp.server.shutdown-delay", shutdownDelay);
		if (workerThreads != null && workerThreads.virtual() && Runtime.version().feature() < 21) {
			throw new IllegalArgumentException("tcp.server.worker-threads is virtual, which needs Java 21 or newer; "
					+ "this is Java " + Runtime.version().feature() + " (" + System.getProperty("java.home")
					+ "): run on a newer JDK, or set a number of threads");
		}
		if (requestTimeout != null && requestTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"tcp.server.request-timeout must be 0 (no limit) or positive, was " + requestTimeout);
		}
		if (requestTimeout != null && !requestTimeout.isZero() && workerThreads != null && !workerThreads.isWorkers()) {
			throw new IllegalArgumentException("tcp.server.request-timeout needs tcp.server.worker-threads: a request "
					+ "answered on an I/O thread cannot be timed out; set worker-threads to a number or virtual");
		}
		if (sessions != null && sessions.store() == SessionsProperties.SessionStoreKind.REDIS && workerThreads != null
				&& !workerThreads.isWorkers()) {
			throw new IllegalArgumentException("tcp.server.sessions.store=redis needs tcp.server.worker-threads: binding "
					+ "a session key waits for Redis (up to sessions.redis-timeout), which must not stall an I/O thread "
					+ "and every connection on it; set worker-threads to a number or virtual");
		}
		if (maxBufferedBytes != null && maxBufferedBytes.toBytes() < 1) {
			throw new InvalidSettingException("tcp.server.max-buffered-bytes",
					"must be a positive size (such as 64MB), was " + maxBufferedBytes);
		}
		if (shutdownDelay != null && shutdownDelay.isNegative()) {
			throw new IllegalArgumentException(
					"tcp.server.shutdown-delay must be 0 (stop accepting at once) or positive, was " + shutdownDelay);
		}
	}

	private static void requireValue(String property, Object value) {
		if (value == null) {
			throw new InvalidSettingException(property, "must have a value");
		}
	}

	/** The number of I/O threads to start. */
	public int effectiveEventLoopThreads() {
		return (this.eventLoopThreads > 0) ? this.eventLoopThreads : Runtime.getRuntime().availableProcessors();
	}

}
