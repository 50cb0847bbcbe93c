package com.example.iso8583;

import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ISO 8583:1987 message in the {@link Iso87aLayout}: a 4-digit MTI, the bitmap as 16 hex
 * digits (32 when field 1 says a secondary bitmap follows), then the fields it names, in order.
 */
final class IsoMessage {

	private final String mti;

	private final SortedMap<Integer, String> fields = new TreeMap<>();

	IsoMessage(String mti) {
		if (mti.length() != 4 || !isDigits(mti)) {
			throw new MalformedMessageException("no MTI");
		}
		this.mti = mti;
	}

	/**
	 * @throws MalformedMessageException when it does not follow the layout to its last character;
	 * {@link #readMti} tells whether its MTI could be read
	 */
	static IsoMessage parse(String text) {
		IsoMessage message = new IsoMessage(readMti(text));
		long primary = bitmap(text, 4);
		long secondary = (primary < 0) ? bitmap(text, 20) : 0;
		int at = (primary < 0) ? 36 : 20;
		for (int number = 2; number <= 128; number++) {
			long bits = (number <= 64) ? primary : secondary;
			if ((bits << ((number - 1) % 64)) < 0) {
				FieldFormat format = Iso87aLayout.field(number);
				int end = format.end(text, at);
				message.fields.put(number, format.value(text, at, end));
				at = end;
			}
		}
		if (at != text.length()) {
			throw new MalformedMessageException((text.length() - at) + " characters after the last field");
		}
		return message;
	}

	/** The MTI the message starts with, or "" when it starts with none. */
	static String readMti(String text) {
		String mti = text.substring(0, Math.min(4, text.length()));
		return (mti.length() == 4 && isDigits(mti)) ? mti : "";
	}

	String mti() {
		return this.mti;
	}

	/** Field {@code number}'s value, or {@code null} when the message has none. */
	String get(int number) {
		return this.fields.get(number);
	}

	IsoMessage set(int number, String value) {
		Iso87aLayout.field(number).write(value);
		this.fields.put(number, value);
		return this;
	}

	/** Sets those of {@code numbers} that {@code other} has to its values. */
	IsoMessage copy(IsoMessage other, int... numbers) {
		for (int number : numbers) {
			if (other.get(number) != null) {
				set(number, other.get(number));
			}
		}
		return this;
	}

	String format() {
		long primary = 0;
		long secondary = 0;
		StringBuilder body = new StringBuilder();
		for (Map.Entry<Integer, String> field : this.fields.entrySet()) {
			int number = field.getKey();
			if (number <= 64) {
				primary |= Long.MIN_VALUE >>> (number - 1);
			}
			else {
				secondary |= Long.MIN_VALUE >>> (number - 65);
			}
			body.append(Iso87aLayout.field(number).write(field.getValue()));
		}
		HexFormat hex = HexFormat.of().withUpperCase();
		String bitmap = (secondary == 0) ? hex.toHexDigits(primary)
				: hex.toHexDigits(primary | Long.MIN_VALUE) + hex.toHexDigits(secondary);
		return this.mti + bitmap + body;
	}

	static boolean isDigits(String text) {
		return text.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static long bitmap(String text, int start) {
		if (text.length() < start + 16) {
			throw new MalformedMessageException("the message ends inside its bitmap");
		}
		try {
			return HexFormat.fromHexDigitsToLong(text, start, start + 16);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedMessageException("a bitmap that is not hex");
		}
	}

}
