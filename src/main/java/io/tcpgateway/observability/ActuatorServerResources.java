package io.tcpgateway.observability;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The event loops of the HTTP server that serves Actuator belong to this application context.
 * Boot's default shares Reactor Netty's JVM-wide loops and disposes them when any context
 * closes, which stops the HTTP server of every other context in the JVM (an embedding
 * application, or two servers in one test run).
 */
@Configuration(proxyBeanMethods = false)
class ActuatorServerResources {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		return resources;
	}

}
