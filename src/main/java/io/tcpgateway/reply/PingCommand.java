package io.tcpgateway.reply;

/** {@code PING} answers {@code PONG}. */
class PingCommand implements Command {

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
