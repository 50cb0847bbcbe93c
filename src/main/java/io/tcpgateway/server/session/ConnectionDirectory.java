package io.tcpgateway.server.session;

import java.util.List;

import io.tcpgateway.server.connection.Connection;
import org.jspecify.annotations.Nullable;

/** The open connections of one listener, as pushes find them. */
public interface ConnectionDirectory {

	/** The listener's name. */
	String name();

	/** Its open connection with this id, if any. */
	@Nullable Connection connection(String id);

	/** Its open connections now. */
	List<Connection> openConnections();

	/** The largest payload it takes, framing excluded. */
	int maxMessageSize();

	/** Whether pushes from outside the process may reach its connections ({@code tcp.server.http-push}). */
	boolean takesHttpPush();

}
