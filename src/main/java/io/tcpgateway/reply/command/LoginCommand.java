package io.tcpgateway.reply.command;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;

/**
 * {@code LOGIN <key>} binds the connection to the session key, as a device logging in with its id
 * would, and answers {@code OK <key>}; frames pushed to that key then reach this connection. A
 * key another connection holds is taken from it (or refused, with
 * {@code tcp.server.sessions.on-conflict=reject}: {@code ERR session key in use}).
 */
class LoginCommand implements BuiltInCommand {

	@Override
	public String name() {
		return "LOGIN";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of("ERR LOGIN needs a connection");
	}

	@Override
	public Reply answer(Request argument) {
		String key = argument.text();
		try {
			return argument.connection().bind(key) ? Reply.of("OK " + key) : Reply.of("ERR session key in use");
		}
		catch (IllegalArgumentException ex) {
			return Reply.of("ERR " + ex.getMessage());
		}
	}

}
