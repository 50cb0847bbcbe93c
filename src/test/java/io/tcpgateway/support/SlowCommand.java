package io.tcpgateway.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code SLOW}, the tests' one command that holds its thread: {@code SLOW 1500} sleeps 1500 ms,
 * then answers {@code slept 1500}; a bare {@code SLOW} waits until the test releases it (30 s at
 * most), then answers {@code released}. Start the server with this configuration; a test takes a
 * fresh {@link #gate()} before it sends {@code SLOW}, to know when it started and when it returned.
 */
@Configuration(proxyBeanMethods = false)
public class SlowCommand {

	private static volatile Gate current = new Gate();

	/** A new gate for the next {@code SLOW}. */
	public static Gate gate() {
		Gate gate = new Gate();
		current = gate;
		return gate;
	}

	@Bean
	Command slow() {
		return Command.of("SLOW", (argument) -> current.hold(argument));
	}

	/** Tells when {@code SLOW} is running and when it has returned, and lets a bare one finish. */
	public static final class Gate {

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final CountDownLatch returned = new CountDownLatch(1);

		/** Waits until a {@code SLOW} holds its thread (10 s at most). */
		public void awaitStarted() throws InterruptedException {
			if (!this.started.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("SLOW did not start within 10 s");
			}
		}

		/** Lets a bare {@code SLOW} answer. */
		public void release() {
			this.release.countDown();
		}

		/** Whether the command has returned its reply to the server within {@code timeout}. */
		public boolean returnedWithin(Duration timeout) throws InterruptedException {
			return this.returned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		private Reply hold(String millis) {
			this.started.countDown();
			try {
				if (millis.isEmpty()) {
					return Reply.of(this.release.await(30, TimeUnit.SECONDS) ? "released" : "timed out");
				}
				Thread.sleep(Long.parseLong(millis));
				return Reply.of("slept " + millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Reply.of("interrupted");
			}
			finally {
				this.returned.countDown();
			}
		}

	}

}
