package io.tcpgateway.support;

import io.netty.channel.ChannelPipeline;
import io.tcpgateway.server.codec.Codec;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.input.InputStage;
import io.tcpgateway.server.input.ReadGate;

/** A codec's framing in a test pipeline: the frame reader a connection has, taking every frame. */
public final class Framing {

	private Framing() {
	}

	/** Frames of at most {@code maxMessageSize}, accounted in no budget. */
	public static void addTo(ChannelPipeline pipeline, Codec codec, int maxMessageSize) {
		addTo(pipeline, codec, maxMessageSize, InputBudget.unbounded());
	}

	/** Frames of at most {@code maxMessageSize}, what is held accounted in {@code budget}. */
	public static void addTo(ChannelPipeline pipeline, Codec codec, int maxMessageSize, InputBudget budget) {
		pipeline.addLast("frameReader",
				InputStage.frameReader(codec.framer(maxMessageSize), budget, new ReadGate(pipeline.channel())));
	}

}
