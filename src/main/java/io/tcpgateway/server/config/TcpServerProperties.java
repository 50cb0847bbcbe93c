package io.tcpgateway.server.config;

import java.time.Duration;

import io.tcpgateway.server.dispatch.Transport;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every listener shares, bound from {@code tcp.server.*}: threads, the worker queue and
 * the drain. Each listener's own settings are {@link ListenerProperties}, under the same prefix.
 *
 * @param eventLoopThreads Netty I/O threads; 0 means one per CPU core
 * @param workerThreads threads that run the reply service; 0 runs it on the I/O threads (fastest,
 * for services that never block); each connection's order is kept either way
 * @param transport the Netty transport: auto (epoll where available), epoll or nio
 * @param workerQueue with worker threads, the most requests waiting for a worker, all connections
 * together; one more is answered {@code ERR server busy}
 * @param shutdownDelay on shutdown, how long to keep accepting connections after readiness has
 * turned DOWN, so a load balancer stops routing first; 0 stops accepting at once
 */
@ConfigurationProperties("tcp.server")
@Validated
public record TcpServerProperties(
		@DefaultValue("0") @Min(value = 0, message = "must be 0 (one per CPU core) or more") int eventLoopThreads,
		@DefaultValue("0") @Min(value = 0, message = "must be 0 (run on the I/O threads) or more") int workerThreads,
		@DefaultValue("auto") @NotNull Transport transport,
		@DefaultValue("10000") @Min(value = 1, message = "must be at least 1") int workerQueue,
		@DefaultValue("0s") @NotNull Duration shutdownDelay) {

	public TcpServerProperties {
		if (shutdownDelay != null && shutdownDelay.isNegative()) {
			throw new IllegalArgumentException(
					"tcp.server.shutdown-delay must be 0 (stop accepting at once) or positive, was " + shutdownDelay);
		}
	}

	/** The number of I/O threads to start. */
	public int effectiveEventLoopThreads() {
		return (this.eventLoopThreads > 0) ? this.eventLoopThreads : Runtime.getRuntime().availableProcessors();
	}

}
