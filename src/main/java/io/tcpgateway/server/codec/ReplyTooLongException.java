package io.tcpgateway.server.codec;

/** A reply longer than the codec's length header can announce. */
public class ReplyTooLongException extends IllegalArgumentException {

	ReplyTooLongException(int length, int max) {
		super("reply of " + length + " bytes does not fit the codec's length header (max " + max + " bytes)");
	}

}
