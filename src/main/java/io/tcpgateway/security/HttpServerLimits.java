package io.tcpgateway.security;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.ChannelPipeline;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Applies {@code tcp.http.*} to every Reactor Netty server of the application (the management
 * server included when it has a port of its own): the connection cap and the request-header
 * deadline, and one request per connection. Each refusal is counted, {@code http.server.connections.rejected} by reason, and
 * logged at most once per reason and {@value #LOG_INTERVAL_SECONDS} s.
 */
@Component
class HttpServerLimits implements NettyServerCustomizer, MeterBinder {

	static final long LOG_INTERVAL_SECONDS = 10;

	private static final Log log = LogFactory.getLog(HttpServerLimits.class);

	private final HttpLimitsProperties properties;

	private final HttpConnectionCap cap;

	private final Refusals overCap;

	private final Refusals headerTimeouts;

	HttpServerLimits(HttpLimitsProperties properties) {
		this.properties = properties;
		this.overCap = new Refusals("max-connections",
				"more than tcp.http.max-connections=" + properties.maxConnections() + " open");
		this.headerTimeouts = new Refusals("request-header-timeout", "no complete request headers within "
				+ "tcp.http.request-header-timeout=" + properties.requestHeaderTimeout().toMillis() + "ms");
		this.cap = new HttpConnectionCap(properties.maxConnections(), this.overCap::count);
	}

	@Override
	public HttpServer apply(HttpServer server) {
		long timeoutNanos = this.properties.requestHeaderTimeout().toNanos();
		// One request per connection: Reactor Netty 1.3.6 can stop reading a keep-alive connection
		// whose next request completes at once (a POST after a GET; reactor-netty#4361), leaving
		// the client waiting. Actuator's clients are a scrape every few seconds, not a hot path.
		return server.maxKeepAliveRequests(1).doOnChannelInit((observer, channel, address) -> {
			ChannelPipeline pipeline = channel.pipeline();
			pipeline.addFirst("tcpgateway.connectionCap", this.cap);
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, "tcpgateway.requestHeaderDeadline",
						new HttpRequestHeaderDeadline(timeoutNanos, this.headerTimeouts::count));
			}
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("http.server.connections.active", this.cap, HttpConnectionCap::open)
			.description("Connections open on the HTTP server (Actuator)")
			.register(registry);
		for (Refusals refusals : new Refusals[] { this.overCap, this.headerTimeouts }) {
			FunctionCounter.builder("http.server.connections.rejected", refusals.total, LongAdder::sum)
				.description("HTTP connections closed by a tcp.http limit")
				.tag("reason", refusals.reason)
				.register(registry);
		}
	}

	private static final class Refusals {

		final String reason;

		final String why;

		final LongAdder total = new LongAdder();

		final AtomicLong loggedAt = new AtomicLong(System.nanoTime() - LOG_INTERVAL_SECONDS * 1_000_000_000L);

		final AtomicLong unlogged = new AtomicLong();

		Refusals(String reason, String why) {
			this.reason = reason;
			this.why = why;
		}

		void count() {
			this.total.increment();
			long now = System.nanoTime();
			long last = this.loggedAt.get();
			if (now - last < LOG_INTERVAL_SECONDS * 1_000_000_000L || !this.loggedAt.compareAndSet(last, now)) {
				this.unlogged.incrementAndGet();
				return;
			}
			long more = this.unlogged.getAndSet(0);
			log.warn("HTTP server: closed a connection, " + this.why + " (" + this.reason + ")"
					+ ((more > 0) ? "; " + more + " more for this reason in the last " + LOG_INTERVAL_SECONDS + " s"
							: ""));
		}

	}

}
