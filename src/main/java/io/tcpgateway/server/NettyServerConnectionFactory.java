package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.tcpgateway.security.ClientAllowList;
import io.tcpgateway.security.ServerTls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * A Spring Integration server connection factory whose listener is a Netty server channel.
 * Framing happens in Netty's frame decoders; each frame goes to the registered listener (the
 * stock {@code TcpInboundGateway}) on the thread that owns its connection, so replies keep
 * request order without a thread hop. Publishes Spring Integration's standard TCP events.
 */
public class NettyServerConnectionFactory extends AbstractServerConnectionFactory {

	private static final Log log = LogFactory.getLog(NettyServerConnectionFactory.class);

	private final ListenerProperties listener;

	private final NettyEventLoops eventLoops;

	private final TrafficRecorder.Factory recorders;

	private final @Nullable ServerTls tls;

	private final ClientAllowList allowList;

	/** Connections accepted and not yet closed, rejected ones excluded. */
	private final AtomicInteger activeConnections = new AtomicInteger();

	/**
	 * Every connection opened and not yet fully closed, kept apart from Spring Integration's own
	 * map (from which a close by id removes a connection before it has closed), so that the
	 * totals below count each connection exactly once.
	 */
	private final Set<NettyTcpConnection> openConnections = ConcurrentHashMap.newKeySet();

	private final Object totalsLock = new Object();

	/** Messages in and replies out of connections already closed; open ones keep their own. */
	private final LongAdder closedMessagesIn = new LongAdder();

	private final LongAdder closedMessagesOut = new LongAdder();

	private volatile TrafficRecorder recorder = TrafficRecorder.NONE;

	private volatile @Nullable Channel serverChannel;

	private volatile int boundPort;

	NettyServerConnectionFactory(ListenerProperties listener, NettyEventLoops eventLoops,
			TrafficRecorder.Factory recorders, @Nullable ServerTls tls) {
		super(listener.port());
		this.listener = listener;
		this.eventLoops = eventLoops;
		this.recorders = recorders;
		this.tls = tls;
		String prefix = propertyPrefix(listener);
		Integer maxMessageSize = listener.maxMessageSize();
		if (maxMessageSize != null && maxMessageSize > listener.codec().maxPayload()) {
			throw new InvalidSettingException(prefix + "max-message-size", "is " + maxMessageSize + ", more than "
					+ prefix + "codec=" + listener.codec().propertyValue() + " can frame (at most "
					+ listener.codec().maxPayload() + " bytes); lower it or choose a codec with a longer length header");
		}
		String allowedClients = prefix + "allowed-clients";
		try {
			this.allowList = ClientAllowList.of(allowedClients, listener.allowedClients());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(allowedClients, ex);
		}
		setLocalAddress(listener.host());
		setBacklog(listener.backlog());
		setSingleUse(listener.singleUse());
		// start() hands run() to this executor: binding on the caller's thread makes a bind
		// failure fail the application's startup instead of leaving a dead listener
		setTaskExecutor(Runnable::run);
	}

	/** Where this listener's settings live: {@code tcp.server.} or {@code tcp.server.listeners.<name>.}. */
	static String propertyPrefix(ListenerProperties listener) {
		return TcpServerProperties.DEFAULT_LISTENER.equals(listener.name()) ? "tcp.server."
				: "tcp.server.listeners." + listener.name() + ".";
	}

	/** The settings this listener was built from. */
	public ListenerProperties listener() {
		return this.listener;
	}

	@Override
	public String getComponentType() {
		return "tcp-gateway:netty-server-connection-factory";
	}

	@Override
	public void run() {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.eventLoops.ioGroup())
			.channel(this.eventLoops.transport().serverChannelType())
			.option(ChannelOption.SO_BACKLOG, getBacklog())
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, this.listener.tcpNoDelay())
			.childOption(ChannelOption.SO_KEEPALIVE, this.listener.keepAlive())
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.childHandler(new ChannelInitializer<>() {
				@Override
				protected void initChannel(Channel channel) {
					configurePipeline(channel);
				}
			});
		InetSocketAddress address = new InetSocketAddress(this.listener.host(), this.listener.port());
		if (address.isUnresolved()) {
			setActive(false);
			throw new InvalidSettingException(propertyPrefix(this.listener) + "host",
					"is '" + this.listener.host() + "', which is neither an IP address nor a host name this machine "
							+ "can resolve; use an interface address such as 0.0.0.0, 127.0.0.1 or ::");
		}
		Channel channel;
		try {
			channel = bootstrap.bind(address).syncUninterruptibly().channel();
		}
		catch (Exception ex) {
			setActive(false);
			publishServerExceptionEvent(ex);
			throw new TcpListenerBindException(this.listener, ex);
		}
		this.serverChannel = channel;
		this.boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
		this.recorder = this.recorders.forListener(this.listener, this.boundPort, this.activeConnections::get);
		setListening(true);
		log.info("TCP listener '" + this.listener.name() + "' listening on " + this.listener.host() + ":"
				+ this.boundPort + " (codec " + this.listener.codec().propertyValue() + ((this.tls != null) ? ", tls" : "")
				+ ", transport "
				+ this.eventLoops.transport().propertyValue() + ")");
		publishServerListeningEvent(this.boundPort);
	}

	/**
	 * Checks the allow-list, then counts the channel as active unless that would exceed
	 * max-connections.
	 * @param client the real client: the TCP peer, or the address a PROXY header named
	 * @return why the channel is refused, or {@code null} when it is admitted
	 */
	@Nullable RejectReason admit(Channel channel, InetSocketAddress client) {
		if (!this.allowList.allows(client)) {
			return RejectReason.NOT_ALLOWED;
		}
		int max = this.listener.maxConnections();
		int active;
		do {
			active = this.activeConnections.get();
			if (max > 0 && active >= max) {
				return RejectReason.MAX_CONNECTIONS;
			}
		}
		while (!this.activeConnections.compareAndSet(active, active + 1));
		channel.closeFuture().addListener((future) -> this.activeConnections.decrementAndGet());
		return null;
	}

	private void configurePipeline(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		TrafficRecorder trafficRecorder = this.recorder;
		ConnectionStats stats = new ConnectionStats();
		pipeline.addLast("byteCounter", new ByteCounter(stats, trafficRecorder));
		ProxyProtocol proxyProtocol = this.listener.proxyProtocol();
		if (proxyProtocol != ProxyProtocol.OFF) {
			ProxyHeaderHandler headerHandler = new ProxyHeaderHandler(this, proxyProtocol);
			pipeline.addLast("proxyDetector", new ProxyHeaderDetector(headerHandler));
			pipeline.addLast("proxyHeader", headerHandler);
		}
		if (this.tls != null) {
			pipeline.addLast("tls", this.tls.newHandler(channel.alloc()));
		}
		Codec codec = this.listener.codec();
		pipeline.addLast("frameDecoder", codec.frameDecoder(this.listener.effectiveMaxMessageSize()));
		if (codec.needsStxCheck()) {
			pipeline.addLast("stxStripper", new StxStripper());
		}
		Duration idleTimeout = this.listener.idleTimeout();
		if (!idleTimeout.isZero()) {
			// after the frame decoder, so only complete messages count as activity
			pipeline.addLast("idleTimeout", new IdleStateHandler(idleTimeout.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
		}
		pipeline.addLast("gateway", new ConnectionHandler(this, stats, trafficRecorder));
	}

	/** A connection was refused before it was opened. */
	void connectionRejected(RejectReason reason) {
		this.recorder.connectionRejected(reason);
	}

	/** A channel became active: wrap it as a connection the gateway can reply on. */
	NettyTcpConnection connectionOpened(ChannelHandlerContext ctx, InetSocketAddress client, ReadGate gate,
			ConnectionStats stats, TrafficRecorder recorder) {
		NettyTcpConnection[] opened = new NettyTcpConnection[1];
		NettyTcpConnection connection = new NettyTcpConnection(ctx, client, this.listener,
				getApplicationEventPublisher(), stats, recorder, gate, this.eventLoops.workers(),
				() -> connectionClosed(opened[0], recorder));
		opened[0] = connection;
		recorder.connectionOpened();
		connection.registerListener(getListener());
		connection.registerSenders(getSenders());
		synchronized (this.totalsLock) {
			this.openConnections.add(connection);
		}
		wrapConnection(connection);
		log.debug("Connection " + connection.getConnectionId() + " opened from " + connection.remoteAddress());
		connection.opened();
		return connection;
	}

	/** A connection closed with nothing in flight: forget it and publish the close event. */
	private void connectionClosed(NettyTcpConnection connection, TrafficRecorder recorder) {
		this.connections.remove(connection.getConnectionId());
		recorder.connectionClosed(connection.stats().openNanos());
		synchronized (this.totalsLock) {
			this.closedMessagesIn.add(connection.stats().messagesIn());
			this.closedMessagesOut.add(connection.stats().messagesOut());
			this.openConnections.remove(connection);
		}
		connection.closed();
		log.debug("Connection " + connection.getConnectionId() + " closed");
	}

	/**
	 * Closes one connection gracefully: what it has taken is answered first. Unlike Spring
	 * Integration's own, the connection stays known to the gateway until it has closed, so that
	 * those replies reach it.
	 */
	@Override
	public boolean closeConnection(String connectionId) {
		Object connection = this.connections.get(connectionId);
		if (connection instanceof NettyTcpConnection netty) {
			netty.close();
			return true;
		}
		return false;
	}

	/** Connections open now on this listener. */
	public int activeConnections() {
		return this.activeConnections.get();
	}

	/** The open connections of this listener, with their counters. */
	public List<ConnectionSnapshot> openConnections() {
		List<ConnectionSnapshot> open = new ArrayList<>();
		for (Object connection : this.connections.values()) {
			if (connection instanceof NettyTcpConnection netty && netty.isOpen()) {
				open.add(netty.snapshot());
			}
		}
		return open;
	}

	/** Messages received and replies sent since the listener started, all connections. */
	public MessageTotals messageTotals() {
		synchronized (this.totalsLock) {
			long in = this.closedMessagesIn.sum();
			long out = this.closedMessagesOut.sum();
			for (NettyTcpConnection connection : this.openConnections) {
				in += connection.stats().messagesIn();
				out += connection.stats().messagesOut();
			}
			return new MessageTotals(in, out);
		}
	}

	/** Connections opened and not yet through their close (the close event included). */
	int unclosedConnections() {
		return this.openConnections.size();
	}

	/** Messages received and replies sent. */
	public record MessageTotals(long received, long sent) {
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
			log.info("TCP listener '" + this.listener.name() + "' stopped accepting connections on port "
					+ this.boundPort);
		}
		setListening(false);
	}

	/** Asks every open connection to answer what it has taken, then close. */
	void drainConnections() {
		this.openConnections.forEach(NettyTcpConnection::drain);
	}

	/** Whether this listener has an open connection with that id. */
	public boolean hasConnection(String connectionId) {
		return this.connections.containsKey(connectionId);
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

	/**
	 * Stops accepting and closes every connection still open (after the graceful drain, if it
	 * ran, these are the ones that outlived its deadline).
	 */
	@Override
	public void stop() {
		stopAccepting();
		this.openConnections.forEach(NettyTcpConnection::terminate);
		super.stop();
	}

}
