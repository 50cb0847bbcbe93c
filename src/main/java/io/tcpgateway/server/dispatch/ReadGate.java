package io.tcpgateway.server.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;

/**
 * Stops and resumes reading from one connection for several independent reasons; it reads
 * only while no reason holds. Confined to the channel's event loop.
 */
public final class ReadGate {

	/** The connection has requests waiting for the worker. */
	public static final int BACKLOG = 1;

	/** The client is not reading its replies. */
	public static final int UNWRITABLE = 2;

	/** The connection takes no more requests; never lifted. */
	private static final int STOPPED = 4;

	private final Channel channel;

	private int reasons;

	public ReadGate(Channel channel) {
		this.channel = channel;
	}

	public void pause(int reason) {
		this.reasons |= reason;
		apply();
	}

	public void resume(int reason) {
		this.reasons &= ~reason;
		apply();
	}

	/** Reads no more, for good. */
	public void stop() {
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
