package io.tcpgateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the HTTP server that serves Actuator, whatever a client sends: with
 * {@code server.max-http-request-header-size} (8 KB) for the size of a request's headers, they
 * bound what a slow or silent client can hold.
 *
 * @param maxConnections connections open at once; one more is closed at accept. Probes, a
 * Prometheus scraper and an operator's browser need a handful; 64 also fits within the open files
 * the TCP listeners leave to the JVM, HTTP and logs (at least 128)
 * @param requestHeaderTimeout how long a connection may take to deliver a request's complete
 * headers, counted from the accept or from the end of the previous response: a client that
 * sends one header line every few seconds is closed when it runs out, as HAProxy's
 * {@code timeout http-request} does; an idle keep-alive connection too
 */
@ConfigurationProperties("tcp.http")
record HttpLimitsProperties(@DefaultValue("64") int maxConnections,
		@DefaultValue("10s") Duration requestHeaderTimeout) {

	HttpLimitsProperties {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("tcp.http.max-connections must be at least 1, was " + maxConnections);
		}
		if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
			throw new IllegalArgumentException(
					"tcp.http.request-header-timeout must be a positive duration, was " + requestHeaderTimeout);
		}
	}

}
