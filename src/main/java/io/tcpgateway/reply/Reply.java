package io.tcpgateway.reply;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the server writes back for one request: no frame (a one-way message), one frame (the
 * usual reply) or several, in order, each text (encoded with the listener's charset) or bytes
 * (as they are) and framed by the listener's codec; then the connection stays open, or closes.
 */
public final class Reply {

	private static final Reply NONE = new Reply(List.of(), Ending.STAY_OPEN);

	private static final Reply INTERNAL_ERROR = of("ERR internal error");

	private final List<Frame> frames;

	private final Ending ending;

	private Reply(List<Frame> frames, Ending ending) {
		this.frames = frames;
		this.ending = ending;
	}

	/** No reply at all: the request was a one-way message. */
	public static Reply none() {
		return NONE;
	}

	/** A text reply after which the connection stays open. */
	public static Reply of(String text) {
		return new Reply(List.of(Frame.text(text)), Ending.STAY_OPEN);
	}

	/** Several text frames, written in this order, between no other frames. */
	public static Reply of(String first, String... more) {
		List<Frame> frames = new ArrayList<>(1 + more.length);
		frames.add(Frame.text(first));
		for (String text : more) {
			frames.add(Frame.text(text));
		}
		return new Reply(List.copyOf(frames), Ending.STAY_OPEN);
	}

	/** A reply of exactly these bytes, after which the connection stays open. */
	public static Reply of(byte[] bytes) {
		return new Reply(List.of(Frame.bytes(bytes)), Ending.STAY_OPEN);
	}

	/** Several frames of bytes, written in this order, between no other frames. */
	public static Reply of(byte[] first, byte[]... more) {
		List<Frame> frames = new ArrayList<>(1 + more.length);
		frames.add(Frame.bytes(first));
		for (byte[] bytes : more) {
			frames.add(Frame.bytes(bytes));
		}
		return new Reply(List.copyOf(frames), Ending.STAY_OPEN);
	}

	/** A text reply after which the server closes the connection. */
	public static Reply andClose(String text) {
		return of(text).thenClose();
	}

	/** A reply of exactly these bytes, after which the server closes the connection. */
	public static Reply andClose(byte[] bytes) {
		return of(bytes).thenClose();
	}

	/**
	 * The answer to the client's own request to end the session ({@code QUIT}): written, then the
	 * connection closes, with the close cause {@code quit}.
	 */
	public static Reply bye(String text) {
		return new Reply(List.of(Frame.text(text)), Ending.QUIT);
	}

	/** The reply sent when building a reply failed; details stay in the server log. */
	public static Reply internalError() {
		return INTERNAL_ERROR;
	}

	/** This reply's frames, then those of {@code next}; it closes if either does. */
	public Reply then(Reply next) {
		List<Frame> frames = new ArrayList<>(this.frames);
		frames.addAll(next.frames);
		return new Reply(List.copyOf(frames), (next.ending != Ending.STAY_OPEN) ? next.ending : this.ending);
	}

	/** The same frames, after which the server closes the connection. */
	public Reply thenClose() {
		return new Reply(this.frames, Ending.CLOSE);
	}

	/** Whether this is the {@link #internalError()} reply, which metrics count as a failure. */
	public boolean isInternalError() {
		return this == INTERNAL_ERROR;
	}

	/** Whether the server closes the connection once this reply is written. */
	public boolean closeConnection() {
		return this.ending != Ending.STAY_OPEN;
	}

	/** Whether this is the answer to the client's own request to end the session (see {@link #bye}). */
	public boolean endsSession() {
		return this.ending == Ending.QUIT;
	}

	/** The frames, in the order they are written; empty for {@link #none()}. */
	public List<Frame> frames() {
		return this.frames;
	}

	/** The text of a reply of one text frame; {@code null} otherwise. */
	public @Nullable String text() {
		return (this.frames.size() == 1) ? this.frames.get(0).text() : null;
	}

	/**
	 * The bytes of a reply of one frame: its text encoded with {@code charset}, or its bytes.
	 * @throws IllegalStateException for a reply of no frame or several
	 */
	public byte[] bytes(Charset charset) {
		if (this.frames.size() != 1) {
			throw new IllegalStateException("a reply of " + this.frames.size() + " frames has no single body");
		}
		return this.frames.get(0).bytes(charset);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Reply reply && this.ending == reply.ending && this.frames.equals(reply.frames);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.frames, this.ending);
	}

	@Override
	public String toString() {
		return "Reply " + this.frames + switch (this.ending) {
			case STAY_OPEN -> "";
			case CLOSE -> ", then close";
			case QUIT -> ", then close (quit)";
		};
	}

	private enum Ending {

		STAY_OPEN, CLOSE, QUIT

	}

	/** One frame of a reply: text, or bytes as they are. */
	public static final class Frame {

		private final @Nullable String text;

		private final byte @Nullable [] bytes;

		private Frame(@Nullable String text, byte @Nullable [] bytes) {
			this.text = text;
			this.bytes = bytes;
		}

		/** A text frame, encoded with the listener's charset. */
		public static Frame text(String text) {
			return new Frame(Objects.requireNonNull(text, "text"), null);
		}

		/** A frame of exactly these bytes. */
		public static Frame bytes(byte[] bytes) {
			return new Frame(null, Objects.requireNonNull(bytes, "bytes"));
		}

		/** The text of a text frame; {@code null} for a frame of bytes. */
		public @Nullable String text() {
			return this.text;
		}

		/** The bytes to frame: the text encoded with {@code charset}, or the bytes as they are. */
		public byte[] bytes(Charset charset) {
			return (this.bytes != null) ? this.bytes : Objects.requireNonNull(this.text).getBytes(charset);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Frame frame && Objects.equals(this.text, frame.text)
					&& Arrays.equals(this.bytes, frame.bytes);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.text, Arrays.hashCode(this.bytes));
		}

		@Override
		public String toString() {
			return (this.text != null) ? "'" + this.text + "'" : Objects.requireNonNull(this.bytes).length + " bytes";
		}

	}

}
