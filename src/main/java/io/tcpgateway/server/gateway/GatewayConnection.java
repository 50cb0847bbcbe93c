package io.tcpgateway.server.gateway;

import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSession;

import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.connection.Turn;
import io.tcpgateway.server.connection.TurnAnswerer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptor;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A {@link Connection} as Spring Integration's {@code TcpConnection}, and nothing more: each
 * request goes to the gateway as a message, and the gateway's reply comes back through
 * {@link #send}; {@link #close} asks the connection to answer what it took, then close.
 */
public final class GatewayConnection extends TcpConnectionSupport implements TurnAnswerer {

	private static final Log log = LogFactory.getLog(GatewayConnection.class);

	private final Connection connection;

	/**
	 * What every request of this connection carries in Spring Integration: the connection id the
	 * gateway routes the reply by, and the connection (its addresses, listener, TLS, session).
	 * No more: Spring Integration copies a request's headers twice on its way to the service.
	 */
	private final MessageHeaders headers;

	/** The turn being answered: a reply sent on its answering thread is its reply. */
	private volatile @Nullable Turn answering;

	public GatewayConnection(Connection connection, @Nullable ApplicationEventPublisher eventPublisher) {
		super(eventPublisher);
		this.connection = connection;
		this.headers = BareMessage.sharedHeaders(Map.of(IpHeaders.CONNECTION_ID, connection.id(),
				Request.CONNECTION_HEADER, connection.context()));
	}

	/** The connection this adapts. */
	public Connection connection() {
		return this.connection;
	}

	/** The connection is registered with the gateway: publish the open event, tell the listeners. */
	public void opened(List<ConnectionListener> listeners) {
		publishConnectionOpenEvent();
		for (ConnectionListener listener : listeners) {
			try {
				listener.opened(this.connection.context());
			}
			catch (RuntimeException ex) {
				log.error("Connection " + getConnectionId() + ": a connection listener failed on open", ex);
			}
		}
	}

	@Override
	public void answer(Turn turn) {
		this.answering = turn;
		try {
			TcpListener gateway = getListener();
			if (gateway != null) {
				gateway.onMessage(new BareMessage<>(turn.request(), this.headers));
			}
		}
		finally {
			// an idle connection keeps no request
			this.answering = null;
		}
	}

	/** The gateway's reply to the request being answered on this thread. */
	@Override
	public void send(Message<?> message) {
		Turn turn = this.answering;
		if (turn == null || !turn.awaitsReplyHere()) {
			log.warn("Connection " + getConnectionId() + ": a message sent outside the answer to a request was dropped");
			return;
		}
		Object payload = message.getPayload();
		turn.replied((payload instanceof Reply reply) ? reply
				: (payload instanceof byte[] bytes) ? Reply.of(bytes) : Reply.of(String.valueOf(payload)));
	}

	/** Graceful close from Spring Integration or an operator: answer what was taken, then close. */
	@Override
	public void close() {
		this.connection.close();
	}

	/**
	 * The connection has closed with nothing in progress: tell the gateway (through the
	 * outermost interceptor when there are any, as Spring Integration's own connections do),
	 * publish the close event, tell the listeners.
	 */
	public void closed(List<ConnectionListener> listeners, String cause) {
		if (getListener() instanceof TcpConnectionInterceptor interceptor) {
			TcpConnectionInterceptor outermost = interceptor;
			while (outermost.getListener() instanceof TcpConnectionInterceptor next) {
				outermost = next;
			}
			outermost.removeDeadConnection(outermost);
		}
		super.close();
		for (ConnectionListener listener : listeners) {
			try {
				listener.closed(this.connection.context(), cause);
			}
			catch (RuntimeException ex) {
				log.error("Connection " + getConnectionId() + ": a connection listener failed on close", ex);
			}
		}
	}

	// --- Spring Integration's view -----------------------------------------------------------------

	@Override
	public String getConnectionId() {
		return this.connection.id();
	}

	@Override
	public String getConnectionFactoryName() {
		return this.connection.context().listener();
	}

	@Override
	public boolean isServer() {
		return true;
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public void run() {
		// Netty's event loop drives reads; there is no read loop to run.
	}

	@Override
	public @Nullable Object getPayload() {
		return null;
	}

	@Override
	public String getHostName() {
		return getHostAddress();
	}

	@Override
	public String getHostAddress() {
		return this.connection.context().remoteAddress().getAddress().getHostAddress();
	}

	@Override
	public int getPort() {
		return this.connection.context().remoteAddress().getPort();
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		return this.connection.sslSession();
	}

	@Override
	public String toString() {
		return "GatewayConnection:" + getConnectionId();
	}

}
