package io.tcpgateway.observability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The prod profile has one HTTP server, Actuator's, on loopback: no application HTTP port beside
 * it (AttackIT checks what the packaged process listens on).
 */
class ProductionProfileTests {

	@Test
	void actuatorIsTheOnlyHttpServerAndListensOnLoopback() throws Exception {
		try (RunningServer server = RunningServer.start("--spring.profiles.active=prod")) {
			int port = server.httpPort();
			assertThat(server.context().getEnvironment().getProperty("local.management.port"))
				.as("management on the one HTTP server, no second one").isEqualTo(String.valueOf(port));
			HttpClient http = HttpClient.newHttpClient();
			assertThat(get(http, port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(get(http, port, "/actuator/tcpconnections").statusCode()).isEqualTo(200);
			HttpResponse<String> health = get(http, port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("tcpServer").doesNotContain("port");
			assertThatExceptionOfType(ConnectException.class).as("not on other local addresses")
				.isThrownBy(() -> connect("127.0.0.2", port));
		}
	}

	private static void connect(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
		}
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
