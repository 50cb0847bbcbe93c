package io.tcpgateway.reply;

/**
 * Client text made safe for a plain-text log line or a text reply: each control character (C0
 * such as CR, LF and ESC, DEL, and C1) is written {@code \xHH}, so a client can neither start a
 * line of its own in a log nor send terminal escape sequences through the server; everything else
 * is kept. A JSON log escapes them itself: give it the raw value as a structured field.
 */
public final class ControlCharacters {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private ControlCharacters() {
	}

	/** The text with its control characters escaped; the same string when it has none. */
	public static String escape(String text) {
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				if (escaped == null) {
					escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				escaped.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
			else if (escaped != null) {
				escaped.append(c);
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

}
