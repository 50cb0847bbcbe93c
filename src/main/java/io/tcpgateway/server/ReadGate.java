package io.tcpgateway.server;

import io.netty.channel.Channel;

/**
 * Stops and resumes reading from one connection for several independent reasons; it reads
 * only while no reason holds. Confined to the channel's event loop.
 */
final class ReadGate {

	/** The worker has too many of this connection's requests queued. */
	static final int BACKLOG = 1;

	/** The client is not reading its replies. */
	static final int UNWRITABLE = 2;

	private final Channel channel;

	private int reasons;

	ReadGate(Channel channel) {
		this.channel = channel;
	}

	void pause(int reason) {
		this.reasons |= reason;
		this.channel.config().setAutoRead(false);
	}

	void resume(int reason) {
		this.reasons &= ~reason;
		if (this.reasons == 0 && !this.channel.config().isAutoRead()) {
			this.channel.config().setAutoRead(true);
		}
	}

}
