package io.tcpgateway.bench;

import java.util.Locale;

/**
 * The command set of the two reference servers, hand-written the way a user would: the same
 * replies as tcp-gateway's built-in commands for PING, ECHO, HELLO and unknown words, so the
 * three servers do the same work per request.
 */
public final class BenchCommands {

	private BenchCommands() {
	}

	/** The reply to one message, without the line ending. */
	public static String reply(String message) {
		int space = message.indexOf(' ');
		String word = (space < 0) ? message : message.substring(0, space);
		String argument = (space < 0) ? "" : message.substring(space + 1);
		return switch (word.toUpperCase(Locale.ROOT)) {
			case "PING" -> "PONG";
			case "ECHO" -> argument;
			case "HELLO" -> argument.isBlank() ? "Hello from TCP server!" : "Hello, " + argument + "!";
			default -> "ERR unknown command: " + word;
		};
	}

}
