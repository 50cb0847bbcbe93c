package io.tcpgateway.support;

import java.util.ArrayList;
import java.util.List;

import io.tcpgateway.TcpGatewayApplication;
import io.tcpgateway.server.NettyServerConnectionFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application, started in this JVM with command-line arguments on ephemeral ports
 * (TCP and HTTP), as a user would start it.
 */
public final class RunningServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts the application with the given arguments, on ephemeral TCP and HTTP ports unless they name others. */
	public static RunningServer start(String... args) {
		return start(new Class<?>[0], args);
	}

	/** Starts the application plus extra configuration classes. */
	public static RunningServer start(Class<?>[] extraSources, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		for (String port : List.of("--tcp.server.port=", "--server.port=")) {
			if (all.stream().noneMatch((arg) -> arg.startsWith(port))) {
				all.add(port + "0");
			}
		}
		// Boot keeps a structured log format and a log file as system properties, which an earlier start
		// in this JVM (prod, logging.structured.format.*, logging.file.*) would leave to every later one:
		// plain text on the console unless asked
		for (LoggingSystemProperty property : List.of(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT,
				LoggingSystemProperty.FILE_STRUCTURED_FORMAT, LoggingSystemProperty.LOG_FILE,
				LoggingSystemProperty.LOG_PATH)) {
			System.clearProperty(property.getEnvironmentVariableName());
		}
		Class<?>[] sources = new Class<?>[extraSources.length + 1];
		sources[0] = TcpGatewayApplication.class;
		System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
		return new RunningServer(new SpringApplicationBuilder(sources).run(all.toArray(String[]::new)));
	}

	/** The bound TCP port of the default listener. */
	public int tcpPort() {
		return listener("tcpServerConnectionFactory").getPort();
	}

	/** The bound TCP port of a listener under {@code tcp.server.listeners}. */
	public int tcpPort(String listenerName) {
		return listener("tcpServerConnectionFactory." + listenerName).getPort();
	}

	private NettyServerConnectionFactory listener(String beanName) {
		return this.context.getBean(beanName, NettyServerConnectionFactory.class);
	}

	/** The bound HTTP (Actuator) port. */
	public int httpPort() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** A client for this server's Actuator endpoints. */
	public ActuatorClient actuator() {
		return new ActuatorClient(httpPort());
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
