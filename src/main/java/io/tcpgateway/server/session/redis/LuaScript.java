package io.tcpgateway.server.session.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * One of the store's Lua scripts, run atomically in Redis by its digest ({@code EVALSHA}); sent
 * whole ({@code EVAL}) when Redis does not know it yet, after a restart for instance.
 */
final class LuaScript {

	private final byte[] source;

	private final String sha;

	private LuaScript(byte[] source, String sha) {
		this.source = source;
		this.sha = sha;
	}

	/** The script {@code name}.lua beside this class. */
	static LuaScript named(String name) {
		try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
			if (in == null) {
				throw new IllegalStateException("no script " + name + ".lua beside " + LuaScript.class.getName());
			}
			byte[] source = in.readAllBytes();
			return new LuaScript(source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs the script; its reply as a list (Lettuce's multi-bulk: byte arrays and longs). */
	CompletionStage<List<Object>> run(RedisAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[]... args) {
		CompletionStage<List<Object>> bySha = redis.evalsha(this.sha, ScriptOutputType.MULTI, keys, args);
		return bySha.handle((reply, failure) -> {
			if (failure == null) {
				return CompletableFuture.completedFuture(reply);
			}
			if (unwrap(failure) instanceof RedisNoScriptException) {
				return redis.<List<Object>>eval(this.source, ScriptOutputType.MULTI, keys, args);
			}
			return CompletableFuture.<List<Object>>failedFuture(failure);
		}).thenCompose((stage) -> stage);
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
