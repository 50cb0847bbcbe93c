package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Reply;

/** {@code QUIT} answers {@code BYE}, then the server closes the connection. */
class QuitCommand implements BuiltInCommand {

	private static final Reply BYE = Reply.bye("BYE");

	@Override
	public String name() {
		return "QUIT";
	}

	@Override
	public Reply answer(String argument) {
		return BYE;
	}

}
