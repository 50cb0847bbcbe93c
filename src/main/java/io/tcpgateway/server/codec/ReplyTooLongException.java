package io.tcpgateway.server.codec;

/** A reply the codec cannot frame: longer than its length field can announce, or shorter. */
public class ReplyTooLongException extends IllegalArgumentException {

	ReplyTooLongException(int length, int max) {
		this("reply of " + length + " bytes is longer than the codec frames (max " + max + " bytes)");
	}

	private ReplyTooLongException(String message) {
		super(message);
	}

	/** A reply shorter than the bytes a length field counts beside its value. */
	static ReplyTooLongException tooShort(int length, int min) {
		return new ReplyTooLongException(
				"reply of " + length + " bytes is shorter than the codec frames (min " + min + " bytes)");
	}

}
