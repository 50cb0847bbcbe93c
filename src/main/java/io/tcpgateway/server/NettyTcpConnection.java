package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.tcpgateway.reply.Reply;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A Spring Integration {@code TcpConnection} over one Netty channel. Frames arrive from
 * {@link ConnectionHandler}; replies are written back through the same handler context, on
 * the thread that processes the connection's messages, so they leave in request order.
 */
class NettyTcpConnection extends TcpConnectionSupport {

	private static final Log log = LogFactory.getLog(NettyTcpConnection.class);

	private final ChannelHandlerContext ctx;

	private final Codec codec;

	private final String factoryName;

	private final InetSocketAddress remoteAddress;

	private final MessageHeaders headers;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private volatile boolean closing;

	/** The message being answered, and since when: read by {@link #send} on the same thread. */
	private @Nullable String request;

	private long requestStartNanos;

	NettyTcpConnection(ChannelHandlerContext ctx, Codec codec, String factoryName,
			ApplicationEventPublisher eventPublisher, ConnectionStats stats, TrafficRecorder recorder) {
		super(eventPublisher);
		this.ctx = ctx;
		this.codec = codec;
		this.factoryName = factoryName;
		this.remoteAddress = (InetSocketAddress) ctx.channel().remoteAddress();
		this.headers = BareMessage.sharedHeaders(Map.of(IpHeaders.CONNECTION_ID, getConnectionId()));
		this.stats = stats;
		this.recorder = recorder;
	}

	/** Hands one complete frame to the gateway; its reply is written before this returns. */
	void receive(ByteBuf frame) {
		String text = frame.toString(StandardCharsets.UTF_8);
		this.stats.messageIn();
		this.recorder.messageReceived();
		TcpListener listener = getListener();
		if (listener != null) {
			this.request = text;
			this.requestStartNanos = System.nanoTime();
			try {
				listener.onMessage(new BareMessage<>(text, this.headers));
			}
			finally {
				this.request = null;
			}
		}
	}

	@Override
	public void send(Message<?> message) {
		Object payload = message.getPayload();
		Reply reply = (payload instanceof Reply r) ? r : Reply.of(String.valueOf(payload));
		write(reply.text());
		String answered = this.request;
		if (answered != null) {
			if (reply.isInternalError()) {
				this.recorder.error(ErrorType.SERVICE);
			}
			this.recorder.replySent(answered, reply.isInternalError(), System.nanoTime() - this.requestStartNanos);
		}
		if (reply.closeConnection()) {
			close();
		}
	}

	/** Writes an error reply the server itself makes (not the reply service), then closes. */
	void replyAndClose(String text) {
		write(text);
		close();
	}

	private void write(String text) {
		ByteBuf out;
		try {
			out = this.codec.encode(this.ctx.alloc(), text);
		}
		catch (ReplyTooLongException ex) {
			this.recorder.error(ErrorType.ENCODE);
			log.warn("Connection " + getConnectionId() + ": " + ex.getMessage() + "; sent ERR reply too long");
			out = this.codec.encode(this.ctx.alloc(), "ERR reply too long");
		}
		this.stats.messageOut();
		if (this.ctx.executor().inEventLoop()) {
			// flushed once per read batch by ConnectionHandler.channelReadComplete
			this.ctx.write(out, this.ctx.voidPromise());
		}
		else {
			this.ctx.writeAndFlush(out, this.ctx.voidPromise());
		}
	}

	/** Whether the connection is closing: frames that arrive now get no reply. */
	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Closes the connection once the replies written so far are flushed. Called by the
	 * gateway (single-use), the factory (close by id, stop) and for QUIT.
	 */
	@Override
	public void close() {
		if (!this.closing) {
			this.closing = true;
			this.ctx.channel().config().setAutoRead(false);
			this.ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/** The channel is closed: tell the gateway and publish the close event (once). */
	void closed() {
		this.closing = true;
		super.close();
	}

	@Override
	public boolean isOpen() {
		return this.ctx.channel().isActive();
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
		return this.remoteAddress.getAddress().getHostAddress();
	}

	@Override
	public int getPort() {
		return this.remoteAddress.getPort();
	}

	InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	ConnectionSnapshot snapshot() {
		return this.stats.snapshot(getConnectionId(), this.factoryName, this.remoteAddress);
	}

	long openNanos() {
		return this.stats.openNanos();
	}

	@Override
	public String getConnectionFactoryName() {
		return this.factoryName;
	}

	@Override
	public @Nullable Object getDeserializerStateKey() {
		return null;
	}

	@Override
	public @Nullable SSLSession getSslSession() {
		return null;
	}

	/** The connection is registered with the gateway: publish the open event. */
	void opened() {
		publishConnectionOpenEvent();
	}

}
