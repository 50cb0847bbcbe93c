package io.tcpgateway.observability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tcpgateway.support.FailingCommand;
import io.tcpgateway.support.RunningServer;
import io.tcpgateway.support.TcpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests are traced with Spring Boot's own tracing, to a local OTLP receiver over HTTP: one
 * span per request, named and tagged by listener and command, and the logs written while a
 * request is handled carry its trace id; with tracing off, nothing is sent.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingTests {

	final List<Span> spans = new CopyOnWriteArrayList<>();

	HttpServer receiver;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/v1/traces", (exchange) -> {
			ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
			for (ResourceSpans resource : export.getResourceSpansList()) {
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					this.spans.addAll(scope.getSpansList());
				}
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	String endpoint() {
		return "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
				+ this.receiver.getAddress().getPort() + "/v1/traces";
	}

	static Map<String, String> attributes(Span span) {
		return span.getAttributesList()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue()));
	}

	static String hex(com.google.protobuf.ByteString bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes.toByteArray()) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

	@Test
	void eachRequestIsASpanAndItsJsonLogsCarryTheTrace(CapturedOutput output) throws Exception {
		try (RunningServer server = RunningServer.start(new Class<?>[] { FailingCommand.class }, endpoint(),
				"--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.schedule-delay=100ms", "--logging.structured.format.console=ecs",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(client.request("FAIL now")).isEqualTo("ERR internal error");
			assertThat(client.request("nonsense")).startsWith("ERR unknown command");
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.spans.stream().filter((span) -> span.getName().startsWith("tcp ")).count() >= 3);
			Span ping = span("tcp PING");
			assertThat(attributes(ping)).containsEntry("listener", "default")
				.containsEntry("command", "PING")
				.containsEntry("outcome", "ok")
				.containsEntry("client.address", "127.0.0.1")
				.containsKey("tcp.connection.id");
			Span fail = span("tcp FAIL");
			assertThat(attributes(fail)).containsEntry("outcome", "error");
			assertThat(span("tcp unknown")).as("the bounded command tag names the span").isNotNull();
			String failure = output.toString()
				.lines()
				.filter((line) -> line.contains("the reply service failed"))
				.findFirst()
				.orElseThrow();
			assertThat(failure).contains(hex(fail.getTraceId())).contains(hex(fail.getSpanId()));
		}
	}

	@Test
	void withTracingOffNoSpanIsSent() throws Exception {
		try (RunningServer server = RunningServer.start(endpoint(),
				"--management.opentelemetry.tracing.export.schedule-delay=100ms",
				"--spring.main.web-application-type=none");
				TcpTestClient client = TcpTestClient.connect(server.tcpPort())) {
			assertThat(client.request("PING")).isEqualTo("PONG");
			assertThat(server.context().getBean(RequestTracing.class).enabled()).isFalse();
		}
		assertThat(this.spans).noneMatch((span) -> span.getName().startsWith("tcp "));
	}

	private Span span(String name) {
		return this.spans.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " in " + this.spans.stream().map(Span::getName).toList()));
	}

}
