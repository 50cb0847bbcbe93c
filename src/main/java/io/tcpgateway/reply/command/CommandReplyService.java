package io.tcpgateway.reply.command;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tcpgateway.reply.Command;
import io.tcpgateway.reply.CommandLine;
import io.tcpgateway.reply.ControlCharacters;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.ReplyService;
import io.tcpgateway.reply.Request;

/**
 * The default reply service: the first word of a message selects a {@link Command}, the rest
 * is its argument.
 */
class CommandReplyService implements ReplyService {

	/** Longest command word echoed back in an error, so a garbage line is not reflected whole. */
	private static final int MAX_ECHOED_WORD = 64;

	private static final Reply EMPTY = Reply.of("ERR empty message");

	private final Map<String, Command> commands;

	/** The application's command beans and the built-in ones; one of the application's replaces a built-in one of its name. */
	CommandReplyService(List<Command> commands) {
		this.commands = commands.stream()
			.collect(Collectors.toUnmodifiableMap(command -> key(command.name()), Function.identity(),
					CommandReplyService::either));
	}

	private static Command either(Command first, Command second) {
		if (first instanceof BuiltInCommand != second instanceof BuiltInCommand) {
			return (first instanceof BuiltInCommand) ? second : first;
		}
		throw new IllegalStateException("Two command beans are named '" + first.name() + "': "
				+ first.getClass().getName() + " and " + second.getClass().getName());
	}

	@Override
	public Reply reply(String message) {
		return reply(Request.ofText(message));
	}

	/** Reads the line as {@link CommandLine} does, making only the word: the argument stays in the request. */
	@Override
	public Reply reply(Request request) {
		String text = request.text();
		int start = CommandLine.wordStart(text);
		if (start == text.length()) {
			return EMPTY;
		}
		int end = CommandLine.wordEnd(text, start);
		String word = text.substring(start, end);
		Command command = this.commands.get(key(word));
		if (command == null) {
			return Reply.of("ERR unknown command: " + ControlCharacters.escape(abbreviate(word)));
		}
		return command.answer(request.rest((end < text.length()) ? end + 1 : end));
	}

	private static String key(String word) {
		return word.toUpperCase(Locale.ROOT);
	}

	private static String abbreviate(String word) {
		return (word.length() <= MAX_ECHOED_WORD) ? word : word.substring(0, MAX_ECHOED_WORD) + "...";
	}

}
