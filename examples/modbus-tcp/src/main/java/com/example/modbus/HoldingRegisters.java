package com.example.modbus;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The holding registers, shared by every connection. A read or a write of several registers is
 * done whole, so a reader never sees half of another client's write.
 */
final class HoldingRegisters {

	private final short[] values;

	HoldingRegisters(int count) {
		if (count < 1 || count > 65536) {
			throw new IllegalArgumentException("modbus.holding-registers is " + count + ": give 1 to 65536");
		}
		this.values = new short[count];
	}

	/** Whether registers {@code start} to {@code start + count - 1} all exist. */
	boolean contain(int start, int count) {
		return start + count <= this.values.length;
	}

	synchronized short[] read(int start, int count) {
		return Arrays.copyOfRange(this.values, start, start + count);
	}

	/** Writes the big-endian 16-bit values that remain in {@code from}, from register {@code start} on. */
	synchronized void write(int start, ByteBuffer from) {
		for (int register = start; from.hasRemaining(); register++) {
			this.values[register] = from.getShort();
		}
	}

}
