package io.tcpgateway.examples;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.jpos.iso.IFA_AMOUNT;
import org.jpos.iso.IFA_BINARY;
import org.jpos.iso.IFA_LLCHAR;
import org.jpos.iso.IFA_LLLCHAR;
import org.jpos.iso.IFA_LLNUM;
import org.jpos.iso.IFA_NUMERIC;
import org.jpos.iso.IF_CHAR;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.PostChannel;
import org.jpos.iso.packager.ISO87APackager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * examples/iso8583 and jPOS as a terminal uses it: a {@link PostChannel} (a 2-byte big-endian
 * length, then the message; no header) with the {@link ISO87APackager}, sending {@link ISOMsg}s
 * and reading the responses.
 */
class Iso8583ExampleIT {

	@RegisterExtension
	static final RunningExample example = new RunningExample("iso8583");

	private final ISO87APackager packager = new ISO87APackager();

	private PostChannel channel;

	@BeforeEach
	void connect() throws IOException {
		this.channel = new PostChannel("127.0.0.1", example.port(), this.packager);
		this.channel.setTimeout(10_000);
		this.channel.connect();
	}

	@AfterEach
	void disconnect() throws IOException {
		this.channel.disconnect();
	}

	@Test
	void echoesAreAnsweredInTheOrderTheyWereSent() throws Exception {
		for (int stan = 1; stan <= 5; stan++) {
			ISOMsg echo = new ISOMsg("0800");
			echo.set(7, "1204101500");
			echo.set(11, String.format("%06d", stan));
			echo.set(41, "TERM0001");
			echo.set(70, "301");
			this.channel.send(echo);
		}
		for (int stan = 1; stan <= 5; stan++) {
			ISOMsg response = this.channel.receive();
			assertThat(response.getMTI()).isEqualTo("0810");
			assertThat(response.getString(39)).isEqualTo("00");
			assertThat(response.getString(11)).isEqualTo(String.format("%06d", stan));
			assertThat(response.getString(41)).isEqualTo("TERM0001");
			assertThat(response.getString(7)).isEqualTo("1204101500");
			assertThat(response.getString(70)).as("field 70, in the secondary bitmap").isEqualTo("301");
		}
	}

	@Test
	void anAuthorizationWithinTheLimitIsApproved() throws Exception {
		ISOMsg request = authorization("0100", "000000050000");
		request.set(14, "2812");
		request.set(22, "051");

		ISOMsg response = request(request);

		assertThat(response.getMTI()).isEqualTo("0110");
		assertThat(response.getString(39)).isEqualTo("00");
		assertThat(response.getString(38)).as("approval code").matches("\\d{6}");
		for (int field : new int[] { 2, 3, 4, 7, 11, 12, 13, 41, 42, 49 }) {
			assertThat(response.getString(field)).as("field %d", field).isEqualTo(request.getString(field));
		}
		assertThat(response.hasField(14)).as("the expiry date stays with the request").isFalse();
	}

	@Test
	void aFinancialRequestOverTheLimitIsDeclined() throws Exception {
		ISOMsg response = request(authorization("0200", "000000150000"));

		assertThat(response.getMTI()).isEqualTo("0210");
		assertThat(response.getString(39)).as("insufficient funds").isEqualTo("51");
		assertThat(response.hasField(38)).isFalse();
		assertThat(response.getString(11)).isEqualTo("000042");
		assertThat(response.getString(41)).isEqualTo("TERM0042");
	}

	@Test
	void aRequestTheExampleDoesNotHandleIsAnInvalidTransaction() throws Exception {
		ISOMsg response = request(authorization("0400", "000000050000"));

		assertThat(response.getMTI()).isEqualTo("0410");
		assertThat(response.getString(39)).isEqualTo("12");
		assertThat(response.getString(11)).isEqualTo("000042");
		assertThat(response.getString(41)).isEqualTo("TERM0042");
	}

	/** Every field of the packager, as jPOS writes it: the example reads each to the last byte. */
	@Test
	void aRequestWithEveryFieldOfTheLayoutIsReadToItsEnd() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		ISOMsg request = new ISOMsg("0200");
		for (int field = 2; field <= 128; field++) {
			setRandom(request, field, this.packager.getFieldPackager(field), random);
		}
		request.set(4, "000000000999");
		request.set(11, "000777");
		request.set(41, "TERM0777");

		ISOMsg response = request(request);

		assertThat(response.getString(39)).as("seed %d", seed).isEqualTo("00");
		assertThat(response.getString(11)).isEqualTo("000777");
		assertThat(response.getString(41)).isEqualTo("TERM0777");
		assertThat(response.getString(2)).isEqualTo(request.getString(2));
		assertThat(response.getString(32)).isEqualTo(request.getString(32));
	}

	/** A message jPOS's packager would not make: field 2 announces 19 digits, 3 follow. */
	@Test
	void aRequestThatDoesNotFollowTheLayoutIsAFormatError() throws Exception {
		sendUnpacked("0200" + "4000000000000000" + "19" + "123");

		ISOMsg response = this.channel.receive();

		assertThat(response.getMTI()).isEqualTo("0210");
		assertThat(response.getString(39)).isEqualTo("30");
	}

	@Test
	void bytesThatDoNotStartWithAnMtiCloseTheConnection() throws Exception {
		sendUnpacked("HELLO");

		assertThatExceptionOfType(EOFException.class).isThrownBy(this.channel::receive);
	}

	/** The channel's send(byte[]) writes the bytes as they are: the length header is ours to add. */
	private void sendUnpacked(String message) throws IOException, ISOException {
		byte[] body = message.getBytes(StandardCharsets.US_ASCII);
		this.channel.send(ByteBuffer.allocate(2 + body.length).putShort((short) body.length).put(body).array());
	}

	private ISOMsg request(ISOMsg request) throws IOException, ISOException {
		this.channel.send(request);
		return this.channel.receive();
	}

	private static ISOMsg authorization(String mti, String amount) throws ISOException {
		ISOMsg request = new ISOMsg(mti);
		request.set(2, "4111111111111111");
		request.set(3, "000000");
		request.set(4, amount);
		request.set(7, "1204101500");
		request.set(11, "000042");
		request.set(12, "101500");
		request.set(13, "1204");
		request.set(41, "TERM0042");
		request.set(42, "MERCHANT0000042");
		request.set(49, "978");
		return request;
	}

	/** A value of the field's type, at most its length (LL and LLL fields from 1 character on). */
	private static void setRandom(ISOMsg message, int field, ISOFieldPackager type, Random random)
			throws ISOException {
		int length = type.getLength();
		if (type instanceof IFA_BINARY) {
			byte[] bytes = new byte[length];
			random.nextBytes(bytes);
			message.set(field, bytes);
		}
		else if (type instanceof IFA_NUMERIC) {
			message.set(field, digits(length, random));
		}
		else if (type instanceof IFA_LLNUM) {
			message.set(field, digits(1 + random.nextInt(length), random));
		}
		else if (type instanceof IFA_AMOUNT) {
			message.set(field, (random.nextBoolean() ? "C" : "D") + digits(length - 1, random));
		}
		else if (type instanceof IF_CHAR) {
			message.set(field, text(length, random));
		}
		else if (type instanceof IFA_LLCHAR || type instanceof IFA_LLLCHAR) {
			message.set(field, text(1 + random.nextInt(length), random));
		}
		else {
			throw new IllegalStateException("field " + field + ": no values for " + type.getClass());
		}
	}

	private static String digits(int length, Random random) {
		StringBuilder digits = new StringBuilder();
		while (digits.length() < length) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return digits.toString();
	}

	private static String text(int length, Random random) {
		StringBuilder text = new StringBuilder();
		while (text.length() < length) {
			text.append((char) (' ' + random.nextInt(95)));
		}
		return text.toString();
	}

}
