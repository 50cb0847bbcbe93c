package com.example.hl7;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.tcpgateway.reply.Reply;

/**
 * Accepts every HL7 v2 message with an ACK in original mode: MSA {@code AA} and the message's
 * control id (MSH-10), sent back to its sender (MSH-3 and MSH-4 become the receiver) with its
 * own separators, processing id and version. A message that does not start with an MSH segment
 * that has a control id is rejected: MSA {@code AR}.
 */
final class Acknowledger {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
		.withZone(ZoneOffset.UTC);

	private static final Pattern SEGMENTS = Pattern.compile("\r\n?|\n");

	private final Clock clock;

	/** The ACKs' own control ids: unique within the process, and across restarts as long as the clock goes forward. */
	private final AtomicLong controlIds;

	Acknowledger(Clock clock) {
		this.clock = clock;
		this.controlIds = new AtomicLong(clock.millis());
	}

	Reply acknowledge(String message) {
		String header = SEGMENTS.split(message, 2)[0];
		if (!header.startsWith("MSH") || header.length() < 8) {
			return ack(Header.DEFAULT, "AR", "", "no MSH segment");
		}
		Header msh = new Header(header);
		String controlId = msh.field(10);
		if (controlId.isEmpty()) {
			return ack(msh, "AR", "", "no message control id (MSH-10)");
		}
		return ack(msh, "AA", controlId, null);
	}

	private Reply ack(Header msh, String code, String controlId, String text) {
		String header = String.join(msh.fieldSeparator, "MSH", msh.encodingCharacters, msh.field(5), msh.field(6),
				msh.field(3), msh.field(4), TIMESTAMP.format(this.clock.instant()), "", messageType(msh),
				String.valueOf(this.controlIds.incrementAndGet()), or(msh.field(11), "P"), or(msh.field(12), "2.5"));
		String acknowledgment = String.join(msh.fieldSeparator, "MSA", code, controlId)
				+ ((text != null) ? msh.fieldSeparator + text : "");
		return Reply.of(header + "\r" + acknowledgment + "\r");
	}

	/** ACK, with the message's trigger event and the ACK structure: ACK^A01^ACK. */
	private static String messageType(Header msh) {
		String trigger = msh.component(9, 2);
		return trigger.isEmpty() ? "ACK" : String.join(msh.componentSeparator, "ACK", trigger, "ACK");
	}

	private static String or(String value, String otherwise) {
		return value.isEmpty() ? otherwise : value;
	}

	/** An MSH segment: MSH-1 is the character after "MSH", MSH-2 the encoding characters up to the next one. */
	private static final class Header {

		static final Header DEFAULT = new Header("MSH|^~\\&");

		final String fieldSeparator;

		final String encodingCharacters;

		final String componentSeparator;

		private final String[] fields;

		Header(String segment) {
			this.fieldSeparator = segment.substring(3, 4);
			this.fields = segment.split(Pattern.quote(this.fieldSeparator), -1);
			this.encodingCharacters = (this.fields.length > 1) ? this.fields[1] : "";
			this.componentSeparator = this.encodingCharacters.isEmpty() ? "^" : this.encodingCharacters.substring(0, 1);
		}

		/** MSH-n, n from 3 on; empty when the segment is shorter. */
		String field(int n) {
			return (n - 1 < this.fields.length) ? this.fields[n - 1] : "";
		}

		/** Component {@code c} of MSH-n; empty when there is none. */
		String component(int n, int c) {
			String[] components = field(n).split(Pattern.quote(this.componentSeparator), -1);
			return (c - 1 < components.length) ? components[c - 1] : "";
		}

	}

}
