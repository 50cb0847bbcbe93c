package io.tcpgateway.reply;

/**
 * What the server writes back for one message.
 *
 * @param text the reply text, sent as UTF-8 in the listener's framing
 * @param closeConnection whether the server closes the connection once the reply is written
 */
public record Reply(String text, boolean closeConnection) {

	private static final Reply INTERNAL_ERROR = of("ERR internal error");

	/** A reply after which the connection stays open. */
	public static Reply of(String text) {
		return new Reply(text, false);
	}

	/** A reply after which the server closes the connection. */
	public static Reply andClose(String text) {
		return new Reply(text, true);
	}

	/** The reply sent when building a reply failed; details stay in the server log. */
	public static Reply internalError() {
		return INTERNAL_ERROR;
	}

	/** Whether this is the {@link #internalError()} reply, which metrics count as a failure. */
	public boolean isInternalError() {
		return this == INTERNAL_ERROR;
	}

}
