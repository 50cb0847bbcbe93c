package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
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

	private volatile @Nullable Channel serverChannel;

	private volatile int boundPort;

	NettyServerConnectionFactory(ListenerProperties listener, NettyEventLoops eventLoops) {
		super(listener.port());
		this.listener = listener;
		this.eventLoops = eventLoops;
		setLocalAddress(listener.host());
		setBacklog(listener.backlog());
		setSingleUse(listener.singleUse());
		// start() hands run() to this executor: binding on the caller's thread makes a bind
		// failure fail the application's startup instead of leaving a dead listener
		setTaskExecutor(Runnable::run);
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
					configurePipeline(channel.pipeline());
				}
			});
		Channel channel;
		try {
			channel = bootstrap.bind(this.listener.host(), this.listener.port()).syncUninterruptibly().channel();
		}
		catch (Exception ex) {
			setActive(false);
			publishServerExceptionEvent(ex);
			throw new TcpListenerBindException(this.listener, ex);
		}
		this.serverChannel = channel;
		this.boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
		setListening(true);
		log.info("TCP listener '" + this.listener.name() + "' listening on " + this.listener.host() + ":"
				+ this.boundPort + " (codec " + this.listener.codec().propertyValue() + ", transport "
				+ this.eventLoops.transport().propertyValue() + ")");
		publishServerListeningEvent(this.boundPort);
	}

	private void configurePipeline(ChannelPipeline pipeline) {
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
		pipeline.addLast(this.eventLoops.workerGroup(), "gateway", new ConnectionHandler(this));
	}

	/** A channel became active: wrap it as a connection the gateway can reply on. */
	NettyTcpConnection connectionOpened(ChannelHandlerContext ctx) {
		NettyTcpConnection connection = new NettyTcpConnection(ctx, this.listener.codec(), this.listener.name(),
				getApplicationEventPublisher());
		connection.registerListener(getListener());
		connection.registerSenders(getSenders());
		wrapConnection(connection);
		log.debug("Connection " + connection.getConnectionId() + " opened from " + connection.remoteAddress());
		connection.opened();
		return connection;
	}

	/** A channel closed: forget the connection and publish the close event. */
	void connectionClosed(NettyTcpConnection connection) {
		this.connections.remove(connection.getConnectionId());
		connection.closed();
		log.debug("Connection " + connection.getConnectionId() + " closed");
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

	@Override
	public void stop() {
		Channel channel = this.serverChannel;
		if (channel != null) {
			channel.close().syncUninterruptibly();
			this.serverChannel = null;
		}
		setListening(false);
		super.stop();
	}

}
