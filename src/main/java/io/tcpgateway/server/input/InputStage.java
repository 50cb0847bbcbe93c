package io.tcpgateway.server.input;

import io.netty.channel.ChannelHandler;
import io.tcpgateway.server.codec.Framer;

/** The stage of a connection's pipeline that turns the bytes read into message frames. */
public final class InputStage {

	private InputStage() {
	}

	/**
	 * A new connection's frame reader, after TLS and before the connection's handler.
	 * @param gate the connection's read gate, which its handler pauses while it cannot take frames
	 */
	public static ChannelHandler frameReader(Framer framer, InputBudget budget, ReadGate gate) {
		return new FrameReader(framer, budget, gate);
	}

}
