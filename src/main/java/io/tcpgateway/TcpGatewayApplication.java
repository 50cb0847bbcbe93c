package io.tcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TcpGatewayApplication {

	private static final String NETTY_JFR = "io.netty.jfr.enabled";

	public static void main(String[] args) {
		// Netty registers its buffer events with JFR when JFR is available, which loads about 95
		// JFR classes at start-up whether or not anything records; -Dio.netty.jfr.enabled=true
		// brings them back
		if (System.getProperty(NETTY_JFR) == null) {
			System.setProperty(NETTY_JFR, "false");
		}
		SpringApplication.run(TcpGatewayApplication.class, args);
	}

}
