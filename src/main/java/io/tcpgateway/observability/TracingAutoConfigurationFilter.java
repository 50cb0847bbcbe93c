package io.tcpgateway.observability;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * Leaves Spring Boot's tracing auto-configurations out while tracing is off: Micrometer Tracing,
 * its OpenTelemetry bridge and the OpenTelemetry SDK would otherwise be loaded and built at every
 * start (about 600 classes) for a tracer that never samples. Tracing is on, as Boot reads it, when
 * {@code management.tracing.export.enabled} (default true) holds and
 * {@code management.tracing.sampling.probability} (Boot's default 0.1, 0.0 in
 * {@code application.yml}) is above 0; a property changed at run time does not bring it back.
 */
class TracingAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final List<String> TRACING_PACKAGES = List.of("org.springframework.boot.micrometer.tracing.",
			"org.springframework.boot.opentelemetry.");

	private @Nullable Environment environment;

	static boolean tracingOn(PropertyResolver properties) {
		boolean exported = properties.getProperty("management.tracing.export.enabled", Boolean.class, true);
		double probability = properties.getProperty("management.tracing.sampling.probability", Double.class, 0.1);
		return exported && probability > 0;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean on = this.environment == null || tracingOn(this.environment);
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = on || candidate == null || TRACING_PACKAGES.stream().noneMatch(candidate::startsWith);
		}
		return matches;
	}

}
