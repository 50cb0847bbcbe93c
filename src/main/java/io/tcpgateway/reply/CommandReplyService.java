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
		CommandLine line = CommandLine.parse(message);
		if (line.isEmpty()) {
			return Reply.of("ERR empty message");
		}
		Command command = this.commands.get(key(line.word()));
		if (command == null) {
			return Reply.of("ERR unknown command: " + abbreviate(line.word()));
		}
		return command.answer(line.argument());
	}

	private static String key(String word) {
		return word.toUpperCase(Locale.ROOT);
	}

	private static String abbreviate(String word) {
		return (word.length() <= MAX_ECHOED_WORD) ? word : word.substring(0, MAX_ECHOED_WORD) + "...";
	}

}
