package com.example.modbus;

import java.nio.ByteBuffer;

import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;

/**
 * Answers each Modbus TCP request, a whole ADU (MBAP header, unit id, PDU, as the codec with
 * {@code strip: 0} hands it over), with a whole ADU: the same transaction id and unit id, and the
 * function's response or an exception response (the function code plus 0x80, then the code):
 * illegal function for a function other than 3, 6 and 16, illegal data address for a register
 * outside the bank, illegal data value for a count out of range or a PDU of the wrong size.
 */
final class ModbusServer {

	static final int READ_HOLDING_REGISTERS = 3;

	static final int WRITE_SINGLE_REGISTER = 6;

	static final int WRITE_MULTIPLE_REGISTERS = 16;

	static final int ILLEGAL_FUNCTION = 1;

	static final int ILLEGAL_DATA_ADDRESS = 2;

	static final int ILLEGAL_DATA_VALUE = 3;

	/** Transaction id, protocol id, length and unit id: the bytes before the PDU. */
	private static final int HEADER = 7;

	private final HoldingRegisters registers;

	ModbusServer(HoldingRegisters registers) {
		this.registers = registers;
	}

	Reply answer(Request request) {
		ByteBuffer adu = request.buffer();
		if (adu.limit() <= HEADER || adu.getShort(2) != 0) {
			// no function code, or a protocol id other than Modbus's 0: the specification says
			// to drop such a request unanswered, and the connection stays open
			return Reply.none();
		}
		int function = adu.get(HEADER) & 0xFF;
		ByteBuffer data = adu.position(HEADER + 1).slice();
		ByteBuffer pdu = switch (function) {
			case READ_HOLDING_REGISTERS -> read(data);
			case WRITE_SINGLE_REGISTER -> writeOne(data);
			case WRITE_MULTIPLE_REGISTERS -> writeSeveral(data);
			default -> exception(function, ILLEGAL_FUNCTION);
		};
		pdu.flip();
		return Reply.of(ByteBuffer.allocate(HEADER + pdu.remaining())
			.putShort(adu.getShort(0))
			.putShort((short) 0)
			.putShort((short) (1 + pdu.remaining()))
			.put(adu.get(HEADER - 1))
			.put(pdu)
			.array());
	}

	/** Function 3: start address and count (1 to 125); the response holds the values. */
	private ByteBuffer read(ByteBuffer data) {
		if (data.remaining() != 4) {
			return exception(READ_HOLDING_REGISTERS, ILLEGAL_DATA_VALUE);
		}
		int start = unsigned(data.getShort(0));
		int count = unsigned(data.getShort(2));
		if (count < 1 || count > 125) {
			return exception(READ_HOLDING_REGISTERS, ILLEGAL_DATA_VALUE);
		}
		if (!this.registers.contain(start, count)) {
			return exception(READ_HOLDING_REGISTERS, ILLEGAL_DATA_ADDRESS);
		}
		ByteBuffer pdu = ByteBuffer.allocate(2 + 2 * count).put((byte) READ_HOLDING_REGISTERS).put((byte) (2 * count));
		for (short value : this.registers.read(start, count)) {
			pdu.putShort(value);
		}
		return pdu;
	}

	/** Function 6: address and value; the response repeats the request. */
	private ByteBuffer writeOne(ByteBuffer data) {
		if (data.remaining() != 4) {
			return exception(WRITE_SINGLE_REGISTER, ILLEGAL_DATA_VALUE);
		}
		int address = unsigned(data.getShort(0));
		if (!this.registers.contain(address, 1)) {
			return exception(WRITE_SINGLE_REGISTER, ILLEGAL_DATA_ADDRESS);
		}
		this.registers.write(address, data.slice(2, 2));
		return ByteBuffer.allocate(5).put((byte) WRITE_SINGLE_REGISTER).put(data);
	}

	/** Function 16: start address, count (1 to 123), byte count, values; the response: start and count. */
	private ByteBuffer writeSeveral(ByteBuffer data) {
		if (data.remaining() < 5) {
			return exception(WRITE_MULTIPLE_REGISTERS, ILLEGAL_DATA_VALUE);
		}
		int start = unsigned(data.getShort(0));
		int count = unsigned(data.getShort(2));
		int bytes = data.get(4) & 0xFF;
		if (count < 1 || count > 123 || bytes != 2 * count || data.remaining() != 5 + bytes) {
			return exception(WRITE_MULTIPLE_REGISTERS, ILLEGAL_DATA_VALUE);
		}
		if (!this.registers.contain(start, count)) {
			return exception(WRITE_MULTIPLE_REGISTERS, ILLEGAL_DATA_ADDRESS);
		}
		this.registers.write(start, data.slice(5, bytes));
		return ByteBuffer.allocate(5).put((byte) WRITE_MULTIPLE_REGISTERS).put(data.slice(0, 4));
	}

	private static ByteBuffer exception(int function, int code) {
		return ByteBuffer.allocate(2).put((byte) (function | 0x80)).put((byte) code);
	}

	private static int unsigned(short value) {
		return Short.toUnsignedInt(value);
	}

}
