package io.tcpgateway.push;

import java.util.Locale;

/** What became of a frame pushed to a client. */
public enum PushOutcome {

	/** The connection's socket took the frame. */
	WRITTEN,

	/** No open connection has that id or session key (or it closed before the frame was written). */
	NOT_CONNECTED,

	/**
	 * Not taken: the connection already has as many pushed frames waiting as it may hold, or the
	 * key's offline queue is full.
	 */
	REFUSED,

	/**
	 * No connection holds the session key now: the frame waits in the key's offline queue
	 * ({@code tcp.server.sessions.offline-queue.*}) and is written right after the key's next bind.
	 */
	QUEUED,

	/**
	 * The session store could not be asked, or the instance holding the key did not answer in
	 * time ({@code tcp.server.sessions.store=redis}): the frame may or may not have been written.
	 */
	UNAVAILABLE;

	/**
	 * As metrics tags and JSON write it: {@code written}, {@code not-connected}, {@code refused},
	 * {@code queued}, {@code unavailable}.
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
