package com.example.iso8583;

/** A message that does not follow the layout. */
class MalformedMessageException extends RuntimeException {

	MalformedMessageException(String message) {
		super(message);
	}

}
