package com.example.iso8583;

import java.util.concurrent.atomic.AtomicLong;

import io.tcpgateway.reply.Reply;

/**
 * Answers ISO 8583 requests and advices (the MTI's third digit 0 or 2) with their response (that
 * digit plus one), echoing the fields a terminal matches a response on (11, 41):
 * <ul>
 * <li>0800, the network-management echo: 0810 with field 39 {@code 00};</li>
 * <li>0100 and 0200, authorization and financial request: approved (39 {@code 00}, an approval
 * code in 38) when the amount (field 4) is at most the approval limit, declined for insufficient
 * funds (39 {@code 51}) above it, and 39 {@code 13} (invalid amount) without a numeric amount;</li>
 * <li>any other request or advice: 39 {@code 12}, invalid transaction;</li>
 * <li>a message that does not follow the layout: 39 {@code 30}, format error.</li>
 * </ul>
 * Responses and other messages get no reply; bytes that do not start with an MTI close the
 * connection.
 */
final class Authorizer {

	/** What an authorization response repeats of its request. */
	private static final int[] AUTHORIZATION_ECHO = { 2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49 };

	private static final int[] NETWORK_ECHO = { 7, 11, 41, 70 };

	private static final int[] MATCHING = { 11, 41 };

	private final long approvalLimit;

	private final AtomicLong approvalCodes = new AtomicLong();

	Authorizer(long approvalLimit) {
		this.approvalLimit = approvalLimit;
	}

	Reply answer(String text) {
		String mti = IsoMessage.readMti(text);
		if (mti.isEmpty()) {
			return Reply.none().thenClose();
		}
		if (mti.charAt(2) != '0' && mti.charAt(2) != '2') {
			return Reply.none();
		}
		IsoMessage response = new IsoMessage(mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + mti.charAt(3));
		IsoMessage request;
		try {
			request = IsoMessage.parse(text);
		}
		catch (MalformedMessageException ex) {
			return Reply.of(response.set(39, "30").format());
		}
		switch (mti) {
			case "0800" -> response.copy(request, NETWORK_ECHO).set(39, "00");
			case "0100", "0200" -> authorize(request, response.copy(request, AUTHORIZATION_ECHO));
			default -> response.copy(request, MATCHING).set(39, "12");
		}
		return Reply.of(response.format());
	}

	private void authorize(IsoMessage request, IsoMessage response) {
		String amount = request.get(4);
		if (amount == null || !IsoMessage.isDigits(amount)) {
			response.set(39, "13");
		}
		else if (Long.parseLong(amount) <= this.approvalLimit) {
			response.set(38, String.format("%06d", this.approvalCodes.incrementAndGet() % 1_000_000)).set(39, "00");
		}
		else {
			response.set(39, "51");
		}
	}

}
