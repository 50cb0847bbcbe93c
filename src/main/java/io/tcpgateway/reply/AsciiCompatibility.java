package io.tcpgateway.reply;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Whether a charset writes ASCII as the same single bytes, so that byte and character offsets agree on ASCII. */
final class AsciiCompatibility {

	private static final byte[] ASCII = new byte[128];

	private static final String ASCII_TEXT;

	private static final Map<Charset, Boolean> known = new ConcurrentHashMap<>();

	static {
		for (int i = 0; i < 128; i++) {
			ASCII[i] = (byte) i;
		}
		ASCII_TEXT = new String(ASCII, StandardCharsets.US_ASCII);
	}

	private AsciiCompatibility() {
	}

	static boolean of(Charset charset) {
		if (charset == StandardCharsets.UTF_8 || charset == StandardCharsets.ISO_8859_1
				|| charset == StandardCharsets.US_ASCII) {
			return true;
		}
		return known.computeIfAbsent(charset, (c) -> c.canEncode() && Arrays.equals(ASCII_TEXT.getBytes(c), ASCII));
	}

}
