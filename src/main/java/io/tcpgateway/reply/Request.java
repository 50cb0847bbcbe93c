package io.tcpgateway.reply;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One request: the exact bytes of its frame (framing removed), its text decoded with the
 * listener's charset, and the connection it came on. The bytes are the request; the text is a
 * view for text protocols, so a binary protocol loses nothing.
 */
public final class Request {

	/** The Spring Integration message header that carries the {@link ConnectionContext}. */
	public static final String CONNECTION_HEADER = "tcpgateway_connection";

	private final byte[] bytes;

	private final int offset;

	private final int length;

	private final Charset charset;

	private final @Nullable ConnectionContext connection;

	private @Nullable String text;

	private Request(byte[] bytes, int offset, int length, Charset charset, @Nullable ConnectionContext connection,
			@Nullable String text) {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
		this.charset = charset;
		this.connection = connection;
		this.text = text;
	}

	/** A frame's bytes, received on {@code connection}; the array is not copied. */
	public static Request of(byte[] bytes, ConnectionContext connection) {
		return new Request(bytes, 0, bytes.length, connection.charset(), connection, null);
	}

	/** A request made of text alone, with no connection: for tests and text-only callers. */
	public static Request ofText(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return new Request(bytes, 0, bytes.length, StandardCharsets.UTF_8, null, text);
	}

	/** The exact bytes. */
	public byte[] bytes() {
		return (this.offset == 0 && this.length == this.bytes.length) ? this.bytes
				: Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length);
	}

	/**
	 * The bytes as a read-only, big-endian buffer over the same memory (not copied), from index 0
	 * to {@link #length()}: a binary protocol reads its fields in place with the buffer's absolute
	 * getters, {@code getShort(index)}, {@code getInt(index)} ({@link Short#toUnsignedInt} for an
	 * unsigned field), and cannot change the request.
	 */
	public ByteBuffer buffer() {
		return ByteBuffer.wrap(this.bytes, this.offset, this.length).slice().asReadOnlyBuffer();
	}

	/** How many bytes. */
	public int length() {
		return this.length;
	}

	/** The text, decoded with the listener's charset (invalid sequences become U+FFFD). */
	public String text() {
		String decoded = this.text;
		if (decoded == null) {
			decoded = new String(this.bytes, this.offset, this.length, this.charset);
			this.text = decoded;
		}
		return decoded;
	}

	public Charset charset() {
		return this.charset;
	}

	/**
	 * The connection it came on.
	 * @throws IllegalStateException for a request made {@link #ofText of text alone}
	 */
	public ConnectionContext connection() {
		if (this.connection == null) {
			throw new IllegalStateException("this request was made of text alone and has no connection");
		}
		return this.connection;
	}

	/**
	 * The rest of this request from a character of its text on, as a request of its own on the
	 * same connection: a command's argument. Its bytes are the original ones when the text before
	 * {@code textIndex} is ASCII in an ASCII-compatible charset (a command word), so binary
	 * arguments pass exactly; otherwise they are its text encoded again.
	 */
	public Request rest(int textIndex) {
		String whole = text();
		if (isAscii(whole, textIndex) && AsciiCompatibility.of(this.charset)) {
			// its text, decoded from these bytes when asked for: often never (ECHO answers bytes)
			return new Request(this.bytes, this.offset + textIndex, this.length - textIndex, this.charset,
					this.connection, null);
		}
		String rest = whole.substring(textIndex);
		byte[] encoded = rest.getBytes(this.charset);
		return new Request(encoded, 0, encoded.length, this.charset, this.connection, rest);
	}

	private static boolean isAscii(String text, int end) {
		for (int i = 0; i < end; i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "Request [" + this.length + " bytes]";
	}

}
