package io.tcpgateway.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;

/**
 * Stops and resumes reading from one connection for several independent reasons; it reads
 * only while no reason holds. Confined to the channel's event loop.
 */
final class ReadGate {

	/** The connection has requests waiting for the worker. */
	static final int BACKLOG = 1;

	/** The client is not reading its replies. */
	static final int UNWRITABLE = 2;

	/** The connection takes no more requests; never lifted. */
	private static final int STOPPED = 4;

	private final Channel channel;

	private int reasons;

	ReadGate(Channel channel) {
		this.channel = channel;
	}

	void pause(int reason) {
		this.reasons |= reason;
		apply();
	}

	void resume(int reason) {
		this.reasons &= ~reason;
		apply();
	}

	/** Reads no more, for good. */
	void stop() {
		pause(STOPPED);
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
