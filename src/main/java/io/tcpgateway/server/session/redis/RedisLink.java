package io.tcpgateway.server.session.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * This instance's two connections to Redis, made from the client Spring Boot configured: one for
 * commands and scripts, one subscribed to this instance's channel. Lettuce reconnects both and
 * subscribes again by itself once they are made; while Redis cannot be reached, commands fail at
 * once instead of waiting. Until the first connect succeeds, {@link #connect} is tried again by
 * the store's housekeeping. Times every script's round trip.
 */
final class RedisLink {

	private static final Log log = LogFactory.getLog(RedisLink.class);

	private final RedisClient client;

	private final byte[] channel;

	private final Consumer<byte[]> messages;

	private final LongAdder roundTrips = new LongAdder();

	private final LongAdder roundTripNanos = new LongAdder();

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> commands;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscription;

	private boolean failureLogged;

	/**
	 * @param channel this instance's channel
	 * @param messages takes each message on it, on Lettuce's I/O thread
	 */
	RedisLink(RedisClient client, String channel, Consumer<byte[]> messages) {
		this.client = client;
		this.channel = channel.getBytes(StandardCharsets.UTF_8);
		this.messages = messages;
	}

	/** Connects, unless connected; false when Redis cannot be reached now. Housekeeping thread only. */
	boolean connect() {
		if (this.commands != null) {
			return true;
		}
		try {
			StatefulRedisPubSubConnection<byte[], byte[]> pubSub = this.client.connectPubSub(ByteArrayCodec.INSTANCE);
			pubSub.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(byte[] channel, byte[] message) {
					RedisLink.this.messages.accept(message);
				}
			});
			pubSub.sync().subscribe(this.channel);
			this.subscription = pubSub;
			this.commands = this.client.connect(ByteArrayCodec.INSTANCE);
			log.info("Sessions: connected to Redis");
			this.failureLogged = false;
			return true;
		}
		catch (RuntimeException ex) {
			close();
			if (!this.failureLogged) {
				log.warn("Sessions: cannot reach Redis (" + ex.getMessage() + "); pushes to other instances answer "
						+ "unavailable until it can be reached, trying again in the background");
				this.failureLogged = true;
			}
			return false;
		}
	}

	/** Whether commands can be sent now: connected, and Lettuce not waiting to reconnect. */
	boolean isUp() {
		StatefulRedisConnection<byte[], byte[]> connection = this.commands;
		return connection != null && connection.isOpen();
	}

	/** The async commands; fails at once when Redis cannot be reached. */
	RedisAsyncCommands<byte[], byte[]> redis() {
		StatefulRedisConnection<byte[], byte[]> connection = this.commands;
		if (connection == null) {
			throw new IllegalStateException("not connected to Redis");
		}
		return connection.async();
	}

	/** Runs a script, timing its round trip; fails when Redis cannot be reached. */
	CompletionStage<List<Object>> run(LuaScript script, byte[][] keys, byte[]... args) {
		RedisAsyncCommands<byte[], byte[]> redis;
		try {
			redis = redis();
		}
		catch (IllegalStateException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		long start = System.nanoTime();
		return script.run(redis, keys, args).whenComplete((reply, failure) -> {
			this.roundTrips.increment();
			this.roundTripNanos.add(System.nanoTime() - start);
		});
	}

	long roundTrips() {
		return this.roundTrips.sum();
	}

	double roundTripSeconds() {
		return this.roundTripNanos.sum() / (double) TimeUnit.SECONDS.toNanos(1);
	}

	void close() {
		StatefulRedisPubSubConnection<byte[], byte[]> pubSub = this.subscription;
		this.subscription = null;
		if (pubSub != null) {
			pubSub.close();
		}
		StatefulRedisConnection<byte[], byte[]> connection = this.commands;
		this.commands = null;
		if (connection != null) {
			connection.close();
		}
	}

}
