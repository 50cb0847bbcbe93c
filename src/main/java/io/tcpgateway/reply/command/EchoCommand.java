package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;

/**
 * {@code ECHO <text>} answers the argument exactly, spaces included: its bytes as received, so
 * that binary arguments come back unchanged.
 */
class EchoCommand implements BuiltInCommand {

	@Override
	public String name() {
		return "ECHO";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of(argument);
	}

	@Override
	public Reply answer(Request argument) {
		return Reply.of(argument.bytes());
	}

}
