package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.server.admission.ConnectionAdmission;
import io.tcpgateway.server.admission.DescriptorBudget;
import io.tcpgateway.server.connection.Connection;
import io.tcpgateway.server.connection.ConnectionEvents;
import io.tcpgateway.server.connection.TurnAnswerer;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.gateway.GatewayConnection;
import io.tcpgateway.server.input.InputBudget;
import io.tcpgateway.server.session.ConnectionDirectory;
import io.tcpgateway.server.session.Sessions;
import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ListenerView;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;

/**
 * A Spring Integration server connection factory whose listener is a Netty server channel: it
 * binds and stops, and keeps Spring Integration's contract (listener and senders, interceptors,
 * events, close by id). Building the pipeline, admitting connections and keeping track of them
 * are its collaborators' jobs. Settings that Spring Integration offers but that do not apply
 * here (serializers, the mapper, socket timeouts) are refused, so they cannot be silently
 * ignored: framing is {@code tcp.server.codec}, timeouts are {@code tcp.server.idle-timeout}.
 */
public class NettyServerConnectionFactory extends AbstractServerConnectionFactory
		implements ListenerView, ConnectionEvents, ConnectionDirectory {

	private static final Log log = LogFactory.getLog(NettyServerConnectionFactory.class);

	private final ListenerSettings settings;

	private final ServerThreads threads;

	private final TrafficRecorder.Factory recorders;

	private final ConnectionAdmission admission;

	private final InputBudget inputBudget;

	private final Sessions sessions;

	private final ConnectionRegistry registry = new ConnectionRegistry();

	private final List<ConnectionListener> connectionListeners;

	private volatile TrafficRecorder recorder = TrafficRecorder.NONE;

	private volatile @Nullable Channel serverChannel;

	private volatile int boundPort;

	/**
	 * @param budget the connections the process's open-file limit leaves room for, shared by
	 * every listener
	 * @param inputBudget the input all connections of all listeners may hold unframed
	 * @param sessions the session keys of all listeners' connections, here and in the session store
	 */
	public NettyServerConnectionFactory(ListenerSettings settings, ServerThreads threads,
			TrafficRecorder.Factory recorders, DescriptorBudget budget, InputBudget inputBudget,
			Sessions sessions, List<ConnectionListener> connectionListeners) {
		super(settings.port());
		this.settings = settings;
		this.inputBudget = inputBudget;
		this.sessions = sessions;
		this.threads = threads;
		this.recorders = recorders;
		this.connectionListeners = connectionListeners;
		this.admission = new ConnectionAdmission(settings.name(), settings.admission(), settings.proxyProtocol(),
				settings.tls() != null, settings.codec(), budget, this::recorder, System::nanoTime);
		setLocalAddress(settings.host());
		setBacklog(settings.backlog());
		setSingleUse(settings.singleUse());
		// start() hands run() to this executor: binding on the caller's thread makes a bind
		// failure fail the application's startup instead of leaving a dead listener
		setTaskExecutor(Runnable::run);
	}

	/** The settings this listener was built from. */
	public ListenerSettings settings() {
		return this.settings;
	}

	@Override
	public String getComponentType() {
		return "tcp-gateway:netty-server-connection-factory";
	}

	@Override
	public void run() {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.threads.ioGroup())
			.channel(this.threads.transport().serverChannelType())
			.option(ChannelOption.SO_BACKLOG, getBacklog())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, this.settings.tcpNoDelay())
			.childOption(ChannelOption.SO_KEEPALIVE, this.settings.keepAlive())
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			// past the high mark a connection takes no more requests until its client reads
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
					this.settings.maxPendingReplyBytes() / 2, this.settings.maxPendingReplyBytes()))
			.handler(this.admission.acceptBackoff())
			.childHandler(new ServerChannelInitializer(this.settings, this.admission, this, this.threads,
					this.inputBudget, this::recorder));
		this.threads.transport().limitUntakenReplies(bootstrap, this.settings.writeTimeout());
		Channel channel;
		try {
			channel = bootstrap.bind(this.settings.address()).syncUninterruptibly().channel();
		}
		catch (Exception ex) {
			setActive(false);
			publishServerExceptionEvent(ex);
			throw new TcpListenerBindException(this.settings, ex);
		}
		this.serverChannel = channel;
		this.boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
		this.recorder = this.recorders.forListener(this);
		setListening(true);
		log.info("TCP listener '" + this.settings.name() + "' listening on " + this.settings.host() + ":"
				+ this.boundPort + " (codec " + codec() + (tls() ? ", tls " + this.settings.tls().provider() : "") + ", transport "
				+ this.threads.transport().propertyValue() + ")");
		publishServerListeningEvent(this.boundPort);
	}

	private TrafficRecorder recorder() {
		return this.recorder;
	}

	/**
	 * A connection was admitted: its Spring Integration side, wrapped in the configured
	 * interceptors, in the order Spring Integration's own factories do, answers its requests.
	 */
	@Override
	public TurnAnswerer opened(Connection connection) {
		GatewayConnection gateway = new GatewayConnection(connection, getApplicationEventPublisher());
		this.registry.opened(gateway);
		TcpConnectionSupport wrapped = wrapConnection(gateway);
		wrapped.registerListener(getListener());
		wrapped.registerSenders(getSenders());
		log.debug("Connection " + connection.id() + " opened from " + connection.context().remoteAddress());
		gateway.opened(this.connectionListeners);
		return gateway;
	}

	/** A connection closed with nothing in flight: forget it and publish the close event. */
	@Override
	public void closed(Connection connection) {
		this.connections.remove(connection.id());
		this.sessions.closed(connection);
		GatewayConnection gateway = this.registry.closed(connection);
		if (gateway != null) {
			gateway.closed(this.connectionListeners, connection.closeCause().propertyValue());
		}
		log.debug("Connection " + connection.id() + " closed");
	}

	@Override
	public boolean bind(Connection connection, String key, @Nullable String previous) {
		return this.sessions.bind(connection, key, previous);
	}

	// --- ConnectionDirectory --------------------------------------------------------------------------------

	@Override
	public @Nullable Connection connection(String id) {
		return this.registry.find(id);
	}

	@Override
	public List<Connection> openConnections() {
		return this.registry.connections();
	}

	@Override
	public int maxMessageSize() {
		return this.settings.maxMessageSize();
	}

	@Override
	public boolean takesHttpPush() {
		return this.settings.httpPush();
	}

	/**
	 * Closes one connection gracefully: what it has taken is answered first. Unlike Spring
	 * Integration's own, the connection stays known to the gateway until it has closed, so that
	 * those replies reach it.
	 */
	@Override
	public boolean closeConnection(String connectionId) {
		Connection connection = this.registry.find(connectionId);
		if (connection != null) {
			connection.close();
			return true;
		}
		return false;
	}

	/**
	 * Closes the listening socket: new connections are refused and health turns DOWN, while
	 * open connections carry on.
	 */
	void stopAccepting() {
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().syncUninterruptibly();
			this.serverChannel = null;
			log.info("TCP listener '" + this.settings.name() + "' stopped accepting connections on port "
					+ this.boundPort);
		}
		setListening(false);
	}

	/** Asks every open connection to answer what it has taken, then close. */
	void drainConnections() {
		this.registry.drain();
	}

	/** Connections opened and not yet through their close (the close event included). */
	int unclosedConnections() {
		return this.registry.unclosed();
	}

	/**
	 * Stops accepting and closes every connection still open (after the graceful drain, if it
	 * ran, these are the ones that outlived its deadline).
	 */
	@Override
	public void stop() {
		stopAccepting();
		this.registry.terminate();
		super.stop();
	}

	@Override
	public int getPort() {
		return (this.boundPort != 0) ? this.boundPort : super.getPort();
	}

	@Override
	public @Nullable SocketAddress getServerSocketAddress() {
		Channel channel = this.serverChannel;
		return (channel != null) ? channel.localAddress() : null;
	}

	// --- Spring Integration settings that do not apply to a Netty pipeline -----------------------------

	@Override
	public void setSerializer(Serializer<?> serializer) {
		throw notApplicable("a serializer", "replies are framed by tcp.server.codec");
	}

	@Override
	public void setDeserializer(Deserializer<?> deserializer) {
		throw notApplicable("a deserializer", "messages are framed by tcp.server.codec");
	}

	@Override
	public void setMapper(TcpMessageMapper mapper) {
		throw notApplicable("a message mapper", "each frame is handed to the gateway as is");
	}

	@Override
	public void setSoTimeout(int soTimeout) {
		throw notApplicable("a socket timeout", "set tcp.server.idle-timeout instead");
	}

	private UnsupportedOperationException notApplicable(String what, String instead) {
		return new UnsupportedOperationException("The Netty-backed TCP listener '" + this.settings.name()
				+ "' does not use " + what + ": " + instead);
	}

	// --- ListenerView -------------------------------------------------------------------------------

	@Override
	public String name() {
		return this.settings.name();
	}

	@Override
	public String host() {
		return this.settings.host();
	}

	@Override
	public int port() {
		return getPort();
	}

	@Override
	public String codec() {
		return this.settings.codec().propertyValue();
	}

	@Override
	public boolean tls() {
		return this.settings.tls() != null;
	}

	@Override
	public String proxyProtocol() {
		return this.settings.proxyProtocol().propertyValue();
	}

	@Override
	public int maxConnections() {
		return this.settings.admission().maxConnections();
	}

	@Override
	public int activeConnections() {
		return this.admission.active();
	}

	@Override
	public List<ConnectionSnapshot> connections() {
		return this.registry.snapshots();
	}

	@Override
	public MessageTotals messageTotals() {
		return this.registry.totals();
	}

}
