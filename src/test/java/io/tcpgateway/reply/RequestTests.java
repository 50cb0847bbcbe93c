package io.tcpgateway.reply;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A request's bytes as a buffer: what a binary protocol reads its fields from. */
class RequestTests {

	@Test
	void theBufferReadsBigEndianFieldsFromIndexZeroToTheLength() {
		Request request = Request.ofText("\u0001\u0002\u0003\u0004\u0005");
		ByteBuffer buffer = request.buffer();
		assertThat(buffer.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
		assertThat(buffer.position()).isZero();
		assertThat(buffer.remaining()).isEqualTo(5);
		assertThat(buffer.getShort(1)).isEqualTo((short) 0x0203);
		assertThat(buffer.getInt(1)).isEqualTo(0x02030405);
	}

	@Test
	void anArgumentsBufferStartsAtTheArgumentAndEndsWithIt() {
		Request argument = Request.ofText("CMD \u00ff\u0001").rest(4);
		ByteBuffer buffer = argument.buffer();
		assertThat(buffer.remaining()).isEqualTo(argument.length()).isEqualTo(3);
		byte[] read = new byte[buffer.remaining()];
		buffer.get(read);
		assertThat(read).isEqualTo(argument.bytes());
	}

	@Test
	void theBufferCannotChangeTheRequest() {
		Request request = Request.ofText("AB");
		ByteBuffer buffer = request.buffer();
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> buffer.put(0, (byte) 'X'));
		assertThat(buffer.hasArray()).as("no access to the array behind it").isFalse();
		assertThat(request.text()).isEqualTo("AB");
	}

	@Test
	void eachCallGivesAFreshBuffer() {
		Request request = Request.ofText("ABCD");
		request.buffer().getInt();
		assertThat(request.buffer().position()).isZero();
	}

}
