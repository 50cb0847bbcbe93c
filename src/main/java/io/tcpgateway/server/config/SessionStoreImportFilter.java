package io.tcpgateway.server.config;

import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's Redis and Spring Data auto-configuration, and the Redis session
 * store's, unless {@code tcp.server.sessions.store} is {@code redis}: with the default store a
 * start loads no Redis client class, opens no connection, and shows no Redis health. Decided by
 * class name, before any of those classes is loaded: first among the filters (ahead of Boot's
 * class checks, which would load the classes their conditions name).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionStoreImportFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final String PROPERTY = "tcp.server.sessions.store";

	private static final String SPRING_DATA = "org.springframework.boot.data.";

	private static final String REDIS_SESSIONS = "io.tcpgateway.server.config.RedisSessionsAutoConfiguration";

	private boolean redis;

	@Override
	public void setEnvironment(Environment environment) {
		this.redis = Binder.get(environment)
			.bind(PROPERTY, String.class)
			.map((store) -> store.trim().toLowerCase(Locale.ROOT).equals("redis"))
			.orElse(false);
	}

	@Override
	public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
		boolean[] match = new boolean[candidates.length];
		for (int i = 0; i < candidates.length; i++) {
			String candidate = candidates[i];
			match[i] = this.redis || candidate == null
					|| !(candidate.startsWith(SPRING_DATA) || candidate.equals(REDIS_SESSIONS));
		}
		return match;
	}

}
