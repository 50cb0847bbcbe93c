package io.tcpgateway.reply;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the server writes back for one request: text (encoded with the listener's charset) or
 * bytes (as they are), framed by the listener's codec; with or without closing the connection
 * after it.
 */
public final class Reply {

	private static final Reply INTERNAL_ERROR = of("ERR internal error");

	private final @Nullable String text;

	private final byte @Nullable [] bytes;

	private final boolean closeConnection;

	private Reply(@Nullable String text, byte @Nullable [] bytes, boolean closeConnection) {
		this.text = text;
		this.bytes = bytes;
		this.closeConnection = closeConnection;
	}

	/** A text reply after which the connection stays open. */
	public static Reply of(String text) {
		return new Reply(Objects.requireNonNull(text, "text"), null, false);
	}

	/** A reply of exactly these bytes, after which the connection stays open. */
	public static Reply of(byte[] bytes) {
		return new Reply(null, Objects.requireNonNull(bytes, "bytes"), false);
	}

	/** A text reply after which the server closes the connection. */
	public static Reply andClose(String text) {
		return new Reply(Objects.requireNonNull(text, "text"), null, true);
	}

	/** A reply of exactly these bytes, after which the server closes the connection. */
	public static Reply andClose(byte[] bytes) {
		return new Reply(null, Objects.requireNonNull(bytes, "bytes"), true);
	}

	/** The reply sent when building a reply failed; details stay in the server log. */
	public static Reply internalError() {
		return INTERNAL_ERROR;
	}

	/** Whether this is the {@link #internalError()} reply, which metrics count as a failure. */
	public boolean isInternalError() {
		return this == INTERNAL_ERROR;
	}

	/** Whether the server closes the connection once this reply is written. */
	public boolean closeConnection() {
		return this.closeConnection;
	}

	/** The text of a text reply; {@code null} for a reply of bytes. */
	public @Nullable String text() {
		return this.text;
	}

	/** The bytes to frame: a text reply encoded with {@code charset}, or the bytes as they are. */
	public byte[] bytes(Charset charset) {
		return (this.bytes != null) ? this.bytes : Objects.requireNonNull(this.text).getBytes(charset);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Reply reply && this.closeConnection == reply.closeConnection
				&& Objects.equals(this.text, reply.text) && Arrays.equals(this.bytes, reply.bytes);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, Arrays.hashCode(this.bytes), this.closeConnection);
	}

	@Override
	public String toString() {
		String what = (this.text != null) ? "'" + this.text + "'" : this.bytes.length + " bytes";
		return "Reply [" + what + (this.closeConnection ? ", then close" : "") + "]";
	}

}
