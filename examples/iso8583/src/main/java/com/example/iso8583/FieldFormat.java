package com.example.iso8583;

/**
 * How one field is written in ASCII: exactly {@code length} characters, or a length prefix of
 * {@code prefix} digits (2 for LL, 3 for LLL) and at most {@code length} characters.
 */
record FieldFormat(int prefix, int length) {

	static FieldFormat fixed(int length) {
		return new FieldFormat(0, length);
	}

	static FieldFormat ll(int maxLength) {
		return new FieldFormat(2, maxLength);
	}

	static FieldFormat lll(int maxLength) {
		return new FieldFormat(3, maxLength);
	}

	/** Where the field that starts at {@code start} ends. */
	int end(String message, int start) {
		int size = this.length;
		if (this.prefix > 0) {
			String digits = message.substring(start, within(message, start + this.prefix));
			if (!IsoMessage.isDigits(digits) || Integer.parseInt(digits) > this.length) {
				throw new MalformedMessageException("a length of '" + digits + "' where at most " + this.length + " fits");
			}
			size = Integer.parseInt(digits);
		}
		return within(message, start + this.prefix + size);
	}

	/** The value of the field from {@code start} to {@code end}, without its length prefix. */
	String value(String message, int start, int end) {
		return message.substring(start + this.prefix, end);
	}

	String write(String value) {
		if ((this.prefix == 0) ? value.length() != this.length : value.length() > this.length) {
			throw new IllegalArgumentException(value.length() + " characters where " + this + " fits");
		}
		return (this.prefix == 0) ? value : String.format("%0" + this.prefix + "d", value.length()) + value;
	}

	private static int within(String message, int end) {
		if (end > message.length()) {
			throw new MalformedMessageException("the message ends inside a field");
		}
		return end;
	}

}
