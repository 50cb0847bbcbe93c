package io.tcpgateway.reply;

/** {@code ECHO <text>} answers the text exactly, spaces included. */
class EchoCommand implements Command {

	@Override
	public String name() {
		return "ECHO";
	}

	@Override
	public Reply answer(String argument) {
		return Reply.of(argument);
	}

}
