package io.tcpgateway.server.view;

import java.util.List;

/**
 * One listener as operators see it: its settings, whether it accepts connections, and its open
 * connections. Read-only but for closing a connection by id.
 */
public interface ListenerView {

	/** The name of the listener configured directly under {@code tcp.server}. */
	String DEFAULT = "default";

	/** The {@code listener} tag of pushes that found no connection: no listener may be named so. */
	String NONE = "none";

	String name();

	/** Whether this is the listener configured directly under {@code tcp.server}. */
	default boolean isDefault() {
		return DEFAULT.equals(name());
	}

	String host();

	/** The bound port (the configured one until the listener is bound). */
	int port();

	/** The codec's property value, such as {@code length-header-4}. */
	String codec();

	boolean tls();

	/** The PROXY protocol mode's property value: {@code off}, {@code v1}, {@code v2} or {@code optional}. */
	String proxyProtocol();

	/** The most connections open at once; 0 means no limit. */
	int maxConnections();

	/** Whether the listener accepts connections now. */
	boolean isListening();

	/** Connections open now, refused ones excluded. */
	int activeConnections();

	/** The open connections, with their counters. */
	List<ConnectionSnapshot> connections();

	/** Messages taken and replies written since the listener started, all connections. */
	MessageTotals messageTotals();

	/**
	 * Closes one connection gracefully (what it has taken is answered first).
	 * @return whether this listener had an open connection with that id
	 */
	boolean closeConnection(String connectionId);

	/** Messages received and replies sent. */
	record MessageTotals(long received, long sent) {
	}

}
