package io.tcpgateway.server.connection;

import io.tcpgateway.reply.ConnectionContext;
import org.jspecify.annotations.Nullable;

/** What may be a session key: checked where a key is bound, and where a push names one. */
public final class SessionKeys {

	private SessionKeys() {
	}

	/** Why {@code key} cannot be a session key, or null when it can. */
	public static @Nullable String whyInvalid(String key) {
		if (key.isEmpty() || key.length() > ConnectionContext.MAX_SESSION_KEY) {
			return "it must have 1 to " + ConnectionContext.MAX_SESSION_KEY + " characters";
		}
		for (int i = 0; i < key.length(); i++) {
			if (Character.isISOControl(key.charAt(i)) || Character.isWhitespace(key.charAt(i))) {
				return "it must not contain spaces or control characters";
			}
		}
		return null;
	}

}
