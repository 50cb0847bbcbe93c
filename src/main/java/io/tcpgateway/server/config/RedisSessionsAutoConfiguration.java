package io.tcpgateway.server.config;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.tcpgateway.server.session.SessionRegistry;
import io.tcpgateway.server.session.redis.RedisSessionStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis session store ({@code tcp.server.sessions.store=redis}) over the Lettuce client that
 * Spring Boot configures from {@code spring.data.redis.*}. An auto-configuration, so that
 * {@link SessionStoreImportFilter} leaves it out, unread, with any other store.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnProperty(name = "tcp.server.sessions.store", havingValue = "redis")
public class RedisSessionsAutoConfiguration {

	private static final Log log = LogFactory.getLog(RedisSessionsAutoConfiguration.class);

	/**
	 * While Redis cannot be reached, a command fails at once instead of waiting for a reconnect;
	 * while it is connected but does not answer, commands past {@link RedisSessionStore#MAX_WAITING}
	 * fail at once too instead of queueing (with their frames) without bound.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer tcpSessionsFailFast() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.requestQueueSize(RedisSessionStore.MAX_WAITING);
	}

	@Bean
	RedisSessionStore tcpRedisSessionStore(RedisConnectionFactory connectionFactory, SessionRegistry registry,
			TcpServerProperties properties) {
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			throw new InvalidSettingException("tcp.server.sessions.store", "is redis, which needs the Lettuce client "
					+ "(spring.data.redis.client-type=lettuce); the connection factory is "
					+ connectionFactory.getClass().getName());
		}
		AbstractRedisClient client = lettuce.getRequiredNativeClient();
		if (!(client instanceof RedisClient redis)) {
			throw new InvalidSettingException("tcp.server.sessions.store", "is redis, which needs a standalone Redis "
					+ "or one found through Sentinel (spring.data.redis.host/port, url or sentinel.*); "
					+ "Redis Cluster (spring.data.redis.cluster.nodes) is not supported");
		}
		SessionsProperties sessions = properties.sessions();
		String instance = instanceName();
		log.info("Sessions: stored in Redis as instance " + instance + " (offline queue "
				+ (sessions.offlineQueue().enabled() ? "up to " + sessions.offlineQueue().maxPerKey()
						+ " frames per key for " + sessions.offlineQueue().ttl() : "off") + ")");
		return new RedisSessionStore(instance, redis, registry,
				sessions.onConflict() == SessionRegistry.OnConflict.REPLACE, sessions.offlineQueue().maxPerKey(),
				sessions.offlineQueue().ttl(), sessions.offlineQueue().maxKeys(), sessions.redisTimeout());
	}

	/** The host's name (a pod's name) for operators reading Redis, made unique for each start. */
	private static String instanceName() {
		String host = System.getenv("HOSTNAME");
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		return ((host != null && host.matches("[A-Za-z0-9.-]{1,64}")) ? host + "-" : "") + suffix;
	}

}
