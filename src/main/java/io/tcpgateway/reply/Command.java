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
	 * Builds the reply.
	 * @param argument the text after the command word and one space, exactly as sent; empty when
	 * there is none
	 */
	Reply answer(String argument);

	/**
	 * A command from its name and a function of its argument:
	 * {@code Command.of("UPPER", (argument) -> Reply.of(argument.toUpperCase()))}.
	 */
	static Command of(String name, Function<String, Reply> answer) {
		return new Command() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Reply answer(String argument) {
				return answer.apply(argument);
			}

			@Override
			public String toString() {
				return "Command " + name;
			}
		};
	}

}
