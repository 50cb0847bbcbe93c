package io.tcpgateway.server.config;

import java.time.Duration;

import io.tcpgateway.server.session.SessionRegistry;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sessions of all listeners together, bound from {@code tcp.server.sessions.*}.
 *
 * @param onConflict what happens when a connection binds a session key another open connection
 * holds: replace (the new connection takes it, the old one is closed with cause replaced) or
 * reject (the new one is refused the key)
 * @param store where session keys and the offline queue live: local (this process only, the
 * queue in memory and lost on restart) or redis (shared by every instance through
 * spring.data.redis.*: a push reaches a key on any instance)
 * @param redisTimeout with the redis store, how long a bind waits for Redis to record the key,
 * and a push for Redis and the instance holding the key to say how it went; past it, the key
 * stays bound here and is recorded again later, and the push answers unavailable
 * @param offlineQueue frames pushed to a key that no connection holds, written right after the
 * key's next bind
 */
public record SessionsProperties(@DefaultValue("replace") SessionRegistry.OnConflict onConflict,
		@DefaultValue("local") SessionStoreKind store, @DefaultValue("2s") Duration redisTimeout,
		@DefaultValue @NestedConfigurationProperty OfflineQueueProperties offlineQueue) {

	public SessionsProperties {
		if (redisTimeout != null && (redisTimeout.isNegative() || redisTimeout.isZero())) {
			throw new InvalidSettingException("tcp.server.sessions.redis-timeout",
					"must be positive (such as 2s), was " + redisTimeout);
		}
	}

	/** Where session keys and the offline queue live. */
	public enum SessionStoreKind {

		/** This process only: pushes reach its own connections; the offline queue is in memory. */
		LOCAL,

		/** Redis, shared by every instance (spring.data.redis.*). */
		REDIS

	}

	/**
	 * @param maxPerKey the most frames waiting for one key; one more is refused. 0 turns the queue
	 * off: a push to a key connected nowhere is not-connected
	 * @param ttl how long a queued frame waits; an expired frame is dropped and counted
	 * @param maxKeys the most keys with frames waiting, all together; a push that would queue for
	 * one more key is refused
	 */
	public record OfflineQueueProperties(@DefaultValue("0") int maxPerKey, @DefaultValue("1h") Duration ttl,
			@DefaultValue("100000") int maxKeys) {

		public OfflineQueueProperties {
			if (maxPerKey < 0) {
				throw new InvalidSettingException("tcp.server.sessions.offline-queue.max-per-key",
						"must be 0 (no queue) or more, was " + maxPerKey);
			}
			if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
				throw new InvalidSettingException("tcp.server.sessions.offline-queue.ttl",
						"must be positive (such as 1h), was " + ttl);
			}
			if (maxKeys < 1) {
				throw new InvalidSettingException("tcp.server.sessions.offline-queue.max-keys",
						"must be at least 1, was " + maxKeys);
			}
		}

		boolean enabled() {
			return this.maxPerKey > 0;
		}

	}

}
