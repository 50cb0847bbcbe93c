package io.tcpgateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP server's connection cap, shared by its channels, on {@link EmbeddedChannel}s. */
class HttpConnectionCapTests {

	final AtomicInteger refused = new AtomicInteger();

	final HttpConnectionCap cap = new HttpConnectionCap(2, this.refused::incrementAndGet);

	EmbeddedChannel accept() {
		return new EmbeddedChannel(this.cap);
	}

	@Test
	void oneMoreThanTheCapIsClosedAtOnceAndCounted() {
		EmbeddedChannel first = accept();
		EmbeddedChannel second = accept();
		EmbeddedChannel third = accept();
		assertThat(first.isOpen()).isTrue();
		assertThat(second.isOpen()).isTrue();
		assertThat(third.isOpen()).isFalse();
		assertThat(this.refused).hasValue(1);
		assertThat(this.cap.open()).isEqualTo(2);
	}

	@Test
	void aClosedConnectionFreesItsPlace() {
		List<EmbeddedChannel> held = new ArrayList<>(List.of(accept(), accept()));
		assertThat(accept().isOpen()).isFalse();
		held.get(0).close();
		assertThat(this.cap.open()).isEqualTo(1);
		EmbeddedChannel next = accept();
		assertThat(next.isOpen()).isTrue();
		assertThat(this.refused).hasValue(1);
		next.close();
		held.get(1).close();
		assertThat(this.cap.open()).isZero();
	}

}
