package io.tcpgateway.reply;

/**
 * A message read as a command line: leading whitespace skipped, the first word up to a space
 * selects the command, and the rest after that one space is its argument, exactly as sent.
 *
 * @param word the first word; empty for a blank message
 * @param argument the text after the word and one space; empty when there is none
 * @param argumentStart where the argument starts in the message (its length when there is none)
 */
public record CommandLine(String word, String argument, int argumentStart) {

	public static CommandLine parse(String message) {
		int start = wordStart(message);
		int end = wordEnd(message, start);
		int argumentStart = (end < message.length()) ? end + 1 : end;
		return new CommandLine(message.substring(start, end), message.substring(argumentStart), argumentStart);
	}

	/** Where the first word starts: past leading whitespace; the length for a blank message. */
	public static int wordStart(CharSequence message) {
		int start = 0;
		while (start < message.length() && Character.isWhitespace(message.charAt(start))) {
			start++;
		}
		return start;
	}

	/** Where the word that starts at {@code start} ends: the next space, or the end. */
	public static int wordEnd(CharSequence message, int start) {
		int end = start;
		while (end < message.length() && message.charAt(end) != ' ') {
			end++;
		}
		return end;
	}

	/** Whether the message has no word at all. */
	public boolean isEmpty() {
		return this.word.isEmpty();
	}

}
