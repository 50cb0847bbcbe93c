package io.tcpgateway.server.view;

import java.util.List;

/** The sessions and pushes of this process, as operators see them. */
public interface SessionView {

	/** Pushes that found no connection (unknown id or key) since start: they belong to no listener. */
	long unroutedPushes();

	/** Session keys bound now. */
	int sessions();

	/** The session keys bound now, in order. */
	List<String> keys();

}
