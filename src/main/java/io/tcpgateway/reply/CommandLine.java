package io.tcpgateway.reply;

/**
 * A message read as a command line: leading whitespace skipped, the first word up to a space
 * selects the command, and the rest after that one space is its argument, exactly as sent.
 *
 * @param word the first word; empty for a blank message
 * @param argument the text after the word and one space; empty when there is none
 */
public record CommandLine(String word, String argument) {

	public static CommandLine parse(String message) {
		int start = wordStart(message);
		int end = wordEnd(message, start);
		return new CommandLine(message.substring(start, end),
				(end < message.length()) ? message.substring(end + 1) : "");
	}

	/** Where the first word starts: past leading whitespace; the length for a blank message. */
	public static int wordStart(String message) {
		int start = 0;
		while (start < message.length() && Character.isWhitespace(message.charAt(start))) {
			start++;
		}
		return start;
	}

	/** Where the word that starts at {@code start} ends: the next space, or the end. */
	public static int wordEnd(String message, int start) {
		int space = message.indexOf(' ', start);
		return (space < 0) ? message.length() : space;
	}

	/** Whether the message has no word at all. */
	public boolean isEmpty() {
		return this.word.isEmpty();
	}

}
