package io.tcpgateway.reply;

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

}
