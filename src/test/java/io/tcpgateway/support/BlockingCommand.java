package io.tcpgateway.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code BLOCK}, a command that holds its thread until the test releases it (30 s at most),
 * then answers {@code released}. Start the server with {@link Config}; each test takes a fresh
 * {@link #gate()} before it sends {@code BLOCK}.
 */
public final class BlockingCommand {

	private static volatile Gate current = new Gate();

	private BlockingCommand() {
	}

	/** A new gate for the next {@code BLOCK}. */
	public static Gate gate() {
		Gate gate = new Gate();
		current = gate;
		return gate;
	}

	@Configuration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		Command block() {
			return Command.of("BLOCK", (argument) -> current.block());
		}

	}

	/** Tells when {@code BLOCK} is running, and lets it finish. */
	public static final class Gate {

		private final CountDownLatch started = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		/** Waits until a {@code BLOCK} holds its thread (10 s at most). */
		public void awaitStarted() throws InterruptedException {
			if (!this.started.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("BLOCK did not start within 10 s");
			}
		}

		public void release() {
			this.release.countDown();
		}

		private Reply block() {
			this.started.countDown();
			try {
				return Reply.of(this.release.await(30, TimeUnit.SECONDS) ? "released" : "timed out");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Reply.of("interrupted");
			}
		}

	}

}
