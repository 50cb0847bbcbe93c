package io.tcpgateway.observability;

import java.util.List;
import java.util.Locale;

import io.tcpgateway.reply.CommandLine;

/**
 * The bounded value of the {@code command} tag: the request's first word when it names a
 * registered command, {@code empty} for an empty message, {@code unknown} for anything else, so a
 * client cannot create a new time series per word it sends.
 */
final class RequestTags {

	static final String EMPTY = "empty";

	static final String UNKNOWN = "unknown";

	private final List<String> commandNames;

	RequestTags(List<String> commandNames) {
		this.commandNames = commandNames.stream().map((name) -> name.toUpperCase(Locale.ROOT)).distinct().toList();
	}

	List<String> values() {
		return this.commandNames;
	}

	/** Allocation-free: finds the command word as {@link CommandLine} does, and compares it in place. */
	String tagOf(CharSequence request) {
		int start = CommandLine.wordStart(request);
		if (start == request.length()) {
			return EMPTY;
		}
		int wordLength = CommandLine.wordEnd(request, start) - start;
		for (String name : this.commandNames) {
			if (name.length() == wordLength && regionMatches(request, start, name, wordLength)) {
				return name;
			}
		}
		return UNKNOWN;
	}

	/** Whether {@code name} (upper case) is at {@code start}, ignoring ASCII case. */
	private static boolean regionMatches(CharSequence request, int start, String name, int length) {
		for (int i = 0; i < length; i++) {
			char c = request.charAt(start + i);
			if (c != name.charAt(i) && Character.toUpperCase(c) != name.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
