package io.tcpgateway.push;

import java.util.Locale;

/** What became of a frame pushed to a client. */
public enum PushOutcome {

	/** The connection's socket took the frame. */
	WRITTEN,

	/** No open connection has that id or session key (or it closed before the frame was written). */
	NOT_CONNECTED,

	/** The connection already has as many pushed frames waiting as it may hold: this one was not taken. */
	REFUSED;

	/** As metrics tags and JSON write it: {@code written}, {@code not-connected}, {@code refused}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
