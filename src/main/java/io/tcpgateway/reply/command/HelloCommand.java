package io.tcpgateway.reply.command;

import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.Reply;

/** {@code HELLO} greets like the tutorial server we started from; {@code HELLO <name>} greets the name. */
class HelloCommand implements BuiltInCommand {

	private static final Reply GREETING = Reply.of("Hello from TCP server!");

	@Override
	public String name() {
		return "HELLO";
	}

	@Override
	public Reply answer(String argument) {
		return argument.isBlank() ? GREETING : Reply.of("Hello, " + ControlCharacters.escape(argument) + "!");
	}

}
