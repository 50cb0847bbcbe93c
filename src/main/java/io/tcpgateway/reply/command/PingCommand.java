package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Reply;

/** {@code PING} answers {@code PONG}. */
class PingCommand implements BuiltInCommand {

	private static final Reply PONG = Reply.of("PONG");

	@Override
	public String name() {
		return "PING";
	}

	@Override
	public Reply answer(String argument) {
		return PONG;
	}

}
