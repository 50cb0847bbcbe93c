package io.tcpgateway.observability.status;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpgateway.server.view.ListenerView;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The status page's endpoint and the sampler behind its rates. */
@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration {

	@Bean
	StatusSampler tcpStatusSampler(MeterRegistry registry, List<ListenerView> listeners) {
		return new StatusSampler(registry, listeners, System::nanoTime);
	}

	@Bean
	TcpStatusEndpoint tcpStatusEndpoint(@Value("${spring.application.name:tcp-gateway}") String application,
			List<ListenerView> listeners, StatusSampler sampler) {
		return new TcpStatusEndpoint(application, listeners, sampler, Clock.systemUTC());
	}

}
