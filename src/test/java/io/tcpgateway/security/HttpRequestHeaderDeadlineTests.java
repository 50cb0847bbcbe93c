package io.tcpgateway.security;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request-header deadline behind Netty's HTTP codec, on an {@link EmbeddedChannel} with a
 * frozen clock: it counts from the accept or the end of the previous response until a request's
 * headers are complete, however the bytes trickle in.
 */
class HttpRequestHeaderDeadlineTests {

	static final long TIMEOUT_SECONDS = 10;

	final AtomicInteger expired = new AtomicInteger();

	EmbeddedChannel channel;

	@BeforeEach
	void accept() {
		this.channel = new EmbeddedChannel();
		this.channel.freezeTime();
		this.channel.pipeline()
			.addLast(new HttpServerCodec(),
					new HttpRequestHeaderDeadline(TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS), this.expired::incrementAndGet));
	}

	void send(String text) {
		this.channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
		Object decoded;
		while ((decoded = this.channel.readInbound()) != null) {
			ReferenceCountUtil.release(decoded);
		}
	}

	void advance(long seconds) {
		this.channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
		this.channel.runScheduledPendingTasks();
	}

	void respond() {
		this.channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
		Object written;
		while ((written = this.channel.readOutbound()) != null) {
			ReferenceCountUtil.release(written);
		}
	}

	@Test
	void aClientThatDripsHeaderLinesIsClosedAtTheDeadlineAndCounted() {
		send("GET /actuator/health HTTP/1.1\r\nHost: x\r\n");
		for (int i = 0; i < 4; i++) {
			advance(2);
			send("X-Drip-" + i + ": a\r\n");
		}
		assertThat(this.channel.isOpen()).as("8 s in, a line every 2 s").isTrue();
		advance(2);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.expired).hasValue(1);
	}

	@Test
	void aSilentConnectionIsClosedToo() {
		advance(TIMEOUT_SECONDS - 1);
		assertThat(this.channel.isOpen()).isTrue();
		advance(1);
		assertThat(this.channel.isOpen()).isFalse();
		assertThat(this.expired).hasValue(1);
	}

	@Test
	void completeHeadersStopTheClockUntilTheResponseIsWritten() {
		advance(9);
		send("GET /actuator/prometheus HTTP/1.1\r\nHost: x\r\n\r\n");
		advance(60);
		assertThat(this.channel.isOpen()).as("a slow handler is not the client's fault").isTrue();
		respond();
		advance(TIMEOUT_SECONDS - 1);
		send("GET /actuator/health HTTP/1.1\r\n");
		assertThat(this.channel.isOpen()).isTrue();
		advance(1);
		assertThat(this.channel.isOpen()).as("the next request's headers have the same time from the response")
			.isFalse();
		assertThat(this.expired).hasValue(1);
	}

	@Test
	void aKeepAliveClientThatAsksInTimeIsNeverClosed() {
		for (int i = 0; i < 5; i++) {
			advance(TIMEOUT_SECONDS - 1);
			send("GET /actuator/health HTTP/1.1\r\nHost: x\r\n\r\n");
			respond();
		}
		assertThat(this.channel.isOpen()).isTrue();
		assertThat(this.expired).hasValue(0);
		this.channel.close();
		advance(TIMEOUT_SECONDS);
		assertThat(this.expired).as("a closed connection's deadline is cancelled").hasValue(0);
	}

}
