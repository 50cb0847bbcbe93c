package io.tcpgateway.reply;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The default reply service: the first word of a message selects a {@link Command}, the rest
 * is its argument.
 */
class CommandReplyService implements ReplyService {

	/** Longest command word echoed back in an error, so a garbage line is not reflected whole. */
	private static final int MAX_ECHOED_WORD = 64;

	private final Map<String, Command> commands;

	CommandReplyService(List<Command> commands) {
		this.commands = commands.stream()
			.collect(Collectors.toUnmodifiableMap(command -> key(command.name()), Function.identity(),
					(first, second) -> {
						throw new IllegalStateException("Two command beans are named '" + first.name() + "': "
								+ first.getClass().getName() + " and " + second.getClass().getName());
					}));
	}

	@Override
	public Reply reply(String message) {
		String request = message.stripLeading();
		if (request.isEmpty()) {
			return Reply.of("ERR empty message");
		}
		int space = request.indexOf(' ');
		String word = (space < 0) ? request : request.substring(0, space);
		String argument = (space < 0) ? "" : request.substring(space + 1);
		Command command = this.commands.get(key(word));
		if (command == null) {
			return Reply.of("ERR unknown command: " + abbreviate(word));
		}
		return command.answer(argument);
	}

	private static String key(String word) {
		return word.toUpperCase(Locale.ROOT);
	}

	private static String abbreviate(String word) {
		return (word.length() <= MAX_ECHOED_WORD) ? word : word.substring(0, MAX_ECHOED_WORD) + "...";
	}

}
