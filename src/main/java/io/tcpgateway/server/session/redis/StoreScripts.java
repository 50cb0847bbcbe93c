package io.tcpgateway.server.session.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.SetArgs;
import io.tcpgateway.reply.Reply;
import org.jspecify.annotations.Nullable;

/**
 * The store's data in Redis and the scripts that change it, each one atomic round trip:
 * <ul>
 * <li>{@code tcpgw:session:<key>}: the instance and connection holding the key, with an expiry;</li>
 * <li>{@code tcpgw:instance:<name>}: an instance's liveness, and the name of its pub/sub channel;</li>
 * <li>{@code tcpgw:queue:<key>}: the frames waiting for a key, each prefixed by when it expires;
 * {@code tcpgw:queues}: the keys with frames waiting, by when their last frame expires;
 * {@code tcpgw:queued}: how many frames wait, all keys.</li>
 * </ul>
 */
final class StoreScripts {

	static final String PREFIX = "tcpgw:";

	static final String INSTANCE = PREFIX + "instance:";

	private static final byte[] QUEUES = bytes(PREFIX + "queues");

	private static final byte[] QUEUED = bytes(PREFIX + "queued");

	private final LuaScript bind = LuaScript.named("bind");

	private final LuaScript route = LuaScript.named("route");

	private final LuaScript release = LuaScript.named("release");

	private final LuaScript sweep = LuaScript.named("sweep");

	private final RedisLink link;

	private final byte[] maxPerKey;

	private final byte[] ttl;

	private final byte[] maxKeys;

	/**
	 * @param maxPerKey the offline queue's bound per key; 0 for no queue
	 * @param ttl how long a queued frame waits
	 * @param maxKeys the most keys with frames waiting
	 */
	StoreScripts(RedisLink link, int maxPerKey, Duration ttl, int maxKeys) {
		this.link = link;
		this.maxPerKey = bytes(Integer.toString(maxPerKey));
		this.ttl = bytes(Long.toString(ttl.toMillis()));
		this.maxKeys = bytes(Integer.toString(maxKeys));
	}

	/**
	 * Records {@code key} as held by {@code value} (instance/connection) and takes its queue.
	 * @param mode {@code replace}, {@code reject} or {@code register} (see bind.lua)
	 * @return {@code taken, value held} or {@code bound, frames expired, frame...}
	 */
	CompletionStage<List<Object>> bind(String key, String value, Duration entryTtl, String mode) {
		return this.link.run(this.bind, keys(key), bytes(value), bytes(Long.toString(entryTtl.toMillis())), bytes(mode),
				Envelope.Replaced.prefix(key), bytes(key), bytes(INSTANCE));
	}

	/**
	 * Routes a push to the instance holding {@code key}, or queues it.
	 * @param mode {@code route}, or {@code requeue} from an instance the push was sent to that holds
	 * no connection for the key
	 * @param message what to publish to the holder; empty to publish nothing
	 * @return {@code routed}, {@code self}, {@code not-connected}, or {@code queued}/{@code full}
	 * with the frames found expired (see route.lua)
	 */
	CompletionStage<List<Object>> route(String instance, String key, String mode, byte[] message, Reply.Frame frame) {
		return this.link.run(this.route, keys(key), bytes(instance), bytes(mode), message, Envelope.frame(frame),
				this.maxPerKey, this.ttl, this.maxKeys, bytes(key), bytes(INSTANCE));
	}

	/** Lets {@code key} go if {@code value} still holds it. */
	void release(String key, String value) {
		this.link.run(this.release, new byte[][] { entry(key) }, bytes(value));
	}

	/** Drops the queues whose frames all expired: {@code dropped, frames queued}. */
	CompletionStage<List<Object>> sweep() {
		return this.link.run(this.sweep, new byte[][] { QUEUES, QUEUED }, bytes(PREFIX + "queue:"), bytes("1000"));
	}

	/**
	 * Says {@code instance} lives for {@code liveness} more.
	 * @return whether Redis knew it was alive until now
	 */
	boolean live(String instance, Duration liveness, Duration timeout) throws Exception {
		byte[] before = this.link.redis()
			.setGet(bytes(INSTANCE + instance), bytes("1"), SetArgs.Builder.px(liveness.toMillis()))
			.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		return before != null;
	}

	/** Says {@code instance} no longer lives; answered after everything sent before it. */
	void gone(String instance, Duration timeout) throws Exception {
		this.link.redis().del(bytes(INSTANCE + instance)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** Tells {@code instance} how a push it sent went. */
	void answer(String instance, byte[] outcome) {
		this.link.redis().publish(bytes(INSTANCE + instance), outcome);
	}

	private static byte[][] keys(String key) {
		return new byte[][] { entry(key), bytes(PREFIX + "queue:" + key), QUEUES, QUEUED };
	}

	private static byte[] entry(String key) {
		return bytes(PREFIX + "session:" + key);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(@Nullable Object reply) {
		return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
	}

}
