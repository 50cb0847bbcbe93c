package io.tcpgateway.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.Reply;

/** Commands that only tests need. */
public final class TestCommands {

	private TestCommands() {
	}

	/** {@code BLOCK} holds its thread until {@code release} (30 s at most), then answers {@code released}. */
	public static Command blockUntil(CountDownLatch release) {
		return Command.of("BLOCK", (argument) -> {
			try {
				return Reply.of(release.await(30, TimeUnit.SECONDS) ? "released" : "timed out");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Reply.of("interrupted");
			}
		});
	}

}
