package io.tcpgateway.reply;

import java.util.function.Function;

/**
 * One command of the default reply service. Declare a bean of this type to add a command;
 * the built-in commands are beans of this type too.
 */
public interface Command {

	/** The first word of a message that selects this command, matched case-insensitively. */
	String name();

	/**
	 * Builds the reply from the argument's text.
	 * @param argument the text after the command word and one space, exactly as sent; empty when
	 * there is none
	 */
	Reply answer(String argument);

	/**
	 * What the default reply service calls: the argument as a request of its own (its exact bytes,
	 * its text, the connection). By default the text goes to {@link #answer(String)}.
	 */
	default Reply answer(Request argument) {
		return answer(argument.text());
	}

	/**
	 * A command from its name and a function of its argument's text:
	 * {@code Command.of("UPPER", (argument) -> Reply.of(argument.toUpperCase()))}.
	 */
	static Command of(String name, Function<String, Reply> answer) {
		return withRequest(name, (argument) -> answer.apply(argument.text()));
	}

	/**
	 * A command that sees the whole argument: bytes, text and connection, such as a LOGIN that
	 * keeps its user in {@code argument.connection().attributes()}.
	 */
	static Command withRequest(String name, Function<Request, Reply> answer) {
		return new Command() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Reply answer(String argument) {
				return answer.apply(Request.ofText(argument));
			}

			@Override
			public Reply answer(Request argument) {
				return answer.apply(argument);
			}

			@Override
			public String toString() {
				return "Command " + name;
			}
		};
	}

}
