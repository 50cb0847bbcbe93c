package io.tcpgateway.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.tcpgateway.bench.stock.StockApplication;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Runs {@link StockApplication}: {@code StockIntegrationServer <port>}; prints
 * {@code READY <port>} once the listener accepts connections, then serves until killed.
 */
public final class StockIntegrationServer {

	/** Longest wait for the listener after the context has started. */
	private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(60);

	private StockIntegrationServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = StockApplication.start(Integer.parseInt(args[0]));
		AbstractServerConnectionFactory factory = context.getBean(AbstractServerConnectionFactory.class);
		if (!awaitListening(factory)) {
			System.err.println("listener not listening after " + LISTEN_TIMEOUT);
			context.close();
			System.exit(1);
		}
		System.out.println("READY " + factory.getPort());
		// serve until SIGTERM; Spring's shutdown hook closes the context
		new CountDownLatch(1).await();
	}

	/** The factory listens on its own thread some time after the context has started. */
	static boolean awaitListening(AbstractServerConnectionFactory factory) throws InterruptedException {
		long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
		while (!factory.isListening() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		return factory.isListening();
	}

}
