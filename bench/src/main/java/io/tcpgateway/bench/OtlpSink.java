package io.tcpgateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * The far end of tracing at 100 % sampling: accepts OTLP/HTTP exports on {@code /v1/traces} on
 * 127.0.0.1 and drops them, counting requests and bytes, so that the benchmark measures what
 * tracing costs the server, not a collector. Prints {@code READY <port>} once bound and, on
 * SIGTERM, {@code exports=<n> bytes=<n>}.
 */
public final class OtlpSink {

	private OtlpSink() {
	}

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		AtomicLong exports = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		server.createContext("/v1/traces", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				bytes.addAndGet(body.transferTo(OutputStream.nullOutputStream()));
			}
			exports.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newSingleThreadExecutor());
		server.start();
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> System.out.println("exports=" + exports.get() + " bytes=" + bytes.get())));
		System.out.println("READY " + port);
	}

}
