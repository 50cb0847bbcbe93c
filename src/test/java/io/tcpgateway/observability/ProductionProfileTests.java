package io.tcpgateway.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.tcpgateway.support.RunningServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The prod profile keeps Actuator off the application's HTTP port, on loopback. */
class ProductionProfileTests {

	@Test
	void actuatorLivesOnItsOwnLoopbackPort() throws Exception {
		try (RunningServer server = RunningServer.start("--spring.profiles.active=prod",
				"--management.server.port=0")) {
			int appPort = server.httpPort();
			int managementPort = Integer
				.parseInt(server.context().getEnvironment().getRequiredProperty("local.management.port"));
			assertThat(managementPort).isNotEqualTo(appPort);
			assertThat(server.context().getEnvironment().getProperty("management.server.address"))
				.isEqualTo("127.0.0.1");
			HttpClient http = HttpClient.newHttpClient();
			assertThat(get(http, managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(get(http, managementPort, "/actuator/tcpconnections").statusCode()).isEqualTo(200);
			assertThat(get(http, appPort, "/actuator/tcpconnections").statusCode()).isEqualTo(404);
			HttpResponse<String> health = get(http, managementPort, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("tcpServer").doesNotContain("port");
		}
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
