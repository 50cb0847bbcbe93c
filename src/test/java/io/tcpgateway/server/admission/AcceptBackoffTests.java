package io.tcpgateway.server.admission;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the listening channel, a failing {@code accept()} pauses accepting for a second instead of
 * retrying at once, and is logged once per interval however often it fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcceptBackoffTests {

	final AtomicLong nanos = new AtomicLong();

	@Test
	void pausesAcceptingThenResumesAndLogsOncePerInterval(CapturedOutput output) {
		AcceptBackoff backoff = new AcceptBackoff("test", this.nanos::get);
		EmbeddedChannel listening = new EmbeddedChannel(backoff);
		IOException emfile = new IOException("accept(..) failed: Too many open files");
		for (int i = 0; i < 50; i++) {
			listening.pipeline().fireExceptionCaught(emfile);
		}
		assertThat(listening.config().isAutoRead()).isFalse();
		assertThat(backoff.paused()).isTrue();
		listening.advanceTimeBy(AcceptBackoff.PAUSE_MILLIS, TimeUnit.MILLISECONDS);
		listening.runScheduledPendingTasks();
		assertThat(listening.config().isAutoRead()).isTrue();
		assertThat(output.toString().lines().filter((line) -> line.contains("accepting a connection failed")))
			.hasSize(1);
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(RefusalLog.INTERVAL_SECONDS));
		listening.pipeline().fireExceptionCaught(emfile);
		assertThat(output.toString().lines().filter((line) -> line.contains("accepting a connection failed")))
			.hasSize(2)
			.last()
			.asString()
			.contains("50 failure(s) in the last 10 s");
		listening.checkException();
	}

	@Test
	void otherFailuresPassOn() {
		EmbeddedChannel listening = new EmbeddedChannel(new AcceptBackoff("test", this.nanos::get));
		listening.pipeline().fireExceptionCaught(new IllegalStateException("not an accept failure"));
		org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(listening::checkException);
		assertThat(listening.config().isAutoRead()).isTrue();
	}

}
