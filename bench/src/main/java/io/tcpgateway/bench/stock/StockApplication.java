package io.tcpgateway.bench.stock;

import io.tcpgateway.bench.BenchCommands;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Transformers;
import org.springframework.integration.ip.dsl.Tcp;

/**
 * The comparison point: the TCP server a Spring user writes from the Spring Integration reference
 * documentation, a {@code Tcp.nioServer} under a {@code Tcp.inboundGateway} with default settings
 * (CRLF framing, default executor), with Spring Boot's auto-configuration (Micrometer included).
 * <p>
 * It is {@code @EnableAutoConfiguration} plus {@code @Bean} methods rather than
 * {@code @SpringBootApplication} for one reason: this class lives in the test classes under
 * {@code io.tcpgateway}, so a {@code @Configuration} here would be component-scanned by the real
 * application in every test that starts it, and a second {@code @SpringBootConfiguration} would
 * break {@code @SpringBootTest}'s search for the application class. Without component scanning
 * the real application's {@code server} and {@code observability} packages are not loaded here
 * either; only its auto-configuration ({@code ReplyAutoConfiguration}) is, as for any library.
 */
@EnableAutoConfiguration
public class StockApplication {

	/**
	 * Starts the server on {@code port} (0 picks a free one) without a web server. The config name
	 * is not {@code application}: the project's {@code application.yml}, on the same classpath,
	 * configures the real application (its readiness group names a health contributor this one
	 * does not have), not this one.
	 */
	public static ConfigurableApplicationContext start(int port) {
		return SpringApplication.run(StockApplication.class, "--bench.port=" + port,
				"--spring.main.web-application-type=none", "--spring.config.name=bench-stock");
	}

	@Bean
	IntegrationFlow stockTcpFlow(@Value("${bench.port}") int port) {
		return IntegrationFlow.from(Tcp.inboundGateway(Tcp.nioServer(port).localAddress("127.0.0.1")))
			.transform(Transformers.objectToString())
			.handle(String.class, (message, headers) -> BenchCommands.reply(message))
			.get();
	}

}
