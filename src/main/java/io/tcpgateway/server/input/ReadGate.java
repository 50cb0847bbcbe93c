package io.tcpgateway.server.input;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;

/**
 * Whether one connection reads from its socket and hands on frames, for several independent
 * reasons: it reads only while no reason holds, and hands on frames it already has while the
 * connection can take them. Confined to the channel's event loop.
 */
public final class ReadGate {

	/** The connection has as many requests in progress as it may. */
	public static final int BUSY = 1;

	/** The client is not reading the replies it has. */
	public static final int UNWRITABLE = 2;

	/** The frame reader holds frames past its share of an event-loop pass. */
	static final int BACKLOG = 4;

	/** The input is finishing: what was read is handed on, nothing more is read. */
	private static final int FINISHING = 8;

	/**
	 * The user event the frame reader fires once input it was asked to finish ({@link #finishInput})
	 * has been handed on: every whole frame read before.
	 */
	public static final Object INPUT_FINISHED = new Object() {
		@Override
		public String toString() {
			return "INPUT_FINISHED";
		}
	};

	private static final int CONNECTION_REASONS = BUSY | UNWRITABLE;

	private final Channel channel;

	private int reasons;

	private Reader reader = NO_READER;

	/** What reads through this gate: the connection's frame reader. */
	interface Reader {

		/** The connection can take frames again: hand on those already read. */
		void handOn();

		/** The input is to finish. */
		void finish();

	}

	private static final Reader NO_READER = new Reader() {

		@Override
		public void handOn() {
		}

		@Override
		public void finish() {
		}

	};

	public ReadGate(Channel channel) {
		this.channel = channel;
	}

	public void pause(int reason) {
		this.reasons |= reason;
		apply();
	}

	public void resume(int reason) {
		boolean waited = !takesFrames();
		this.reasons &= ~reason;
		apply();
		if (waited && takesFrames()) {
			this.reader.handOn();
		}
	}

	/**
	 * Reads no more from the socket; the frames already read are still handed on, then
	 * {@link #INPUT_FINISHED} follows them.
	 */
	public void finishInput() {
		pause(FINISHING);
		this.reader.finish();
	}

	/** Whether the connection takes frames now. */
	public boolean takesFrames() {
		return (this.reasons & CONNECTION_REASONS) == 0;
	}

	/** What the gate tells when frames can be handed on again, and when the input is to finish. */
	void reader(Reader reader) {
		this.reader = reader;
	}

	private void apply() {
		// Once the client has sent FIN there is nothing left to read, and toggling auto-read on a
		// half-closed epoll channel fails its registration (and the channel with it).
		if (this.channel instanceof DuplexChannel duplex && duplex.isInputShutdown()) {
			return;
		}
		boolean read = this.reasons == 0;
		if (this.channel.config().isAutoRead() != read) {
			this.channel.config().setAutoRead(read);
		}
	}

}
