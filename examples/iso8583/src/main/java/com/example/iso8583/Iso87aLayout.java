package com.example.iso8583;

import static com.example.iso8583.FieldFormat.fixed;
import static com.example.iso8583.FieldFormat.ll;
import static com.example.iso8583.FieldFormat.lll;

/**
 * The fields of jPOS's ISO87APackager (ISO 8583:1987, ASCII): numeric and character fields of a
 * fixed length, LL and LLL fields with their longest value, binary fields as two hex digits a
 * byte (PIN data, MACs), amounts as C or D and digits. Field 1, the secondary bitmap, is read with
 * the primary one.
 */
final class Iso87aLayout {

	/** Indexed by field number, 2 to 128. */
	private static final FieldFormat[] FIELDS = {
		/* 0, 1 */ null, null,
		/* 2 */ ll(19), fixed(6), fixed(12), fixed(12), fixed(12), fixed(10), fixed(8), fixed(8), fixed(8),
		/* 11 */ fixed(6), fixed(6), fixed(4), fixed(4), fixed(4), fixed(4), fixed(4), fixed(4), fixed(3), fixed(3),
		/* 21 */ fixed(3), fixed(3), fixed(3), fixed(3), fixed(2), fixed(2), fixed(1), fixed(9), fixed(9), fixed(9),
		/* 31 */ fixed(9), ll(11), ll(11), ll(28), ll(37), lll(104), fixed(12), fixed(6), fixed(2), fixed(3),
		/* 41 */ fixed(8), fixed(15), fixed(40), ll(25), ll(76), lll(999), lll(999), lll(999), fixed(3), fixed(3),
		/* 51 */ fixed(3), fixed(16), fixed(16), lll(120), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999),
		/* 61 */ lll(999), lll(999), lll(999), fixed(16), fixed(2), fixed(1), fixed(2), fixed(3), fixed(3), fixed(3),
		/* 71 */ fixed(4), fixed(4), fixed(6), fixed(10), fixed(10), fixed(10), fixed(10), fixed(10), fixed(10), fixed(10),
		/* 81 */ fixed(10), fixed(12), fixed(12), fixed(12), fixed(12), fixed(16), fixed(16), fixed(16), fixed(16), fixed(42),
		/* 91 */ fixed(1), fixed(2), fixed(6), fixed(7), fixed(42), fixed(32), fixed(17), fixed(25), ll(11), ll(11),
		/* 101 */ ll(17), ll(28), ll(28), lll(100), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999),
		/* 111 */ lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999),
		/* 121 */ lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), lll(999), fixed(16) };

	private Iso87aLayout() {
	}

	static FieldFormat field(int number) {
		if (number < 2 || number > 128) {
			throw new IllegalArgumentException("no field " + number);
		}
		return FIELDS[number];
	}

}
