package io.tcpgateway.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
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
 * {@link ConnectionHandler}; they are processed, and their replies written, either on the
 * channel's event loop or on the one worker the connection is pinned to, so replies leave in
 * request order.
 */
class NettyTcpConnection extends TcpConnectionSupport {

	private static final Log log = LogFactory.getLog(NettyTcpConnection.class);

	/** How long a closing connection waits for the client's FIN after sending its own. */
	private static final long LINGER_SECONDS = 2;

	private final ChannelHandlerContext ctx;

	private final Codec codec;

	private final String factoryName;

	private final InetSocketAddress remoteAddress;

	private final MessageHeaders headers;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private final @Nullable OrderedWorker worker;

	/** No more requests are taken: frames that arrive now get no reply. */
	private volatile boolean closing;

	private boolean closeStarted;

	/** The message being answered, and since when: read by {@link #send} on the same thread. */
	private @Nullable String request;

	private long requestStartNanos;

	NettyTcpConnection(ChannelHandlerContext ctx, InetSocketAddress remoteAddress, Codec codec, String factoryName,
			ApplicationEventPublisher eventPublisher, ConnectionStats stats, TrafficRecorder recorder,
			@Nullable OrderedWorker worker) {
		super(eventPublisher);
		this.ctx = ctx;
		this.codec = codec;
		this.factoryName = factoryName;
		this.remoteAddress = remoteAddress;
		this.headers = BareMessage.sharedHeaders(Map.of(IpHeaders.CONNECTION_ID, getConnectionId()));
		this.stats = stats;
		this.recorder = recorder;
		this.worker = worker;
	}

	/** Takes one complete frame, on the event loop; releases it once processed. */
	void accept(ByteBuf frame) {
		if (this.closing) {
			frame.release();
			return;
		}
		this.stats.messageIn();
		this.recorder.messageReceived();
		if (this.worker == null) {
			try {
				receive(frame);
			}
			finally {
				frame.release();
			}
		}
		else {
			this.worker.submit(this, frame);
		}
	}

	/** Runs {@code task} after every frame taken so far has been answered. */
	void inOrder(Runnable task) {
		if (this.worker == null) {
			task.run();
		}
		else {
			this.worker.afterPending(task);
		}
	}

	/** Hands one frame to the gateway; its reply is written before this returns. */
	void receive(ByteBuf frame) {
		String text = frame.toString(StandardCharsets.UTF_8);
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
			this.recorder.requestCompleted(answered, reply.isInternalError(),
					System.nanoTime() - this.requestStartNanos);
		}
		if (reply.closeConnection()) {
			close();
		}
	}

	/** A request found the worker queue full; it is answered busy in its turn. */
	void busy() {
		this.recorder.error(ErrorType.BUSY);
		log.debug("Connection " + getConnectionId() + ": worker queue full; answering ERR server busy");
	}

	/** Answers a request the worker queue had no room for. */
	void replyBusy() {
		write("ERR server busy");
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
		this.recorder.messageSent();
		if (this.ctx.executor().inEventLoop()) {
			// flushed once per read batch by ConnectionHandler.channelReadComplete
			this.ctx.write(out, this.ctx.voidPromise());
		}
		else {
			this.ctx.writeAndFlush(out, this.ctx.voidPromise());
		}
	}

	/** Whether the connection takes no more requests. */
	boolean isClosing() {
		return this.closing;
	}

	/** Takes no more requests; those already taken are still answered. */
	void stopTaking() {
		this.closing = true;
	}

	/**
	 * Stops taking requests, answers those already taken, then closes: the graceful drain of
	 * one connection at shutdown.
	 */
	void drain() {
		this.ctx.channel().eventLoop().execute(() -> {
			stopTaking();
			inOrder(this::close);
		});
	}

	/**
	 * Closes the connection once the replies written so far are flushed: sends FIN, then waits
	 * briefly for the client's, so that unread input does not turn the close into a reset that
	 * could destroy replies the client has not read yet. Called by the gateway (single-use),
	 * the factory (close by id, stop), for QUIT and for errors.
	 */
	@Override
	public void close() {
		this.closing = true;
		Channel channel = this.ctx.channel();
		channel.eventLoop().execute(() -> {
			if (!this.closeStarted) {
				this.closeStarted = true;
				this.ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((flushed) -> shutdownOutput(channel));
			}
		});
	}

	private static void shutdownOutput(Channel channel) {
		if (channel instanceof DuplexChannel duplex && channel.isActive() && !duplex.isInputShutdown()) {
			SslHandler tls = channel.pipeline().get(SslHandler.class);
			if (tls != null) {
				tls.closeOutbound().addListener((notified) -> finishOutput(duplex));
			}
			else {
				finishOutput(duplex);
			}
		}
		else {
			channel.close();
		}
	}

	private static void finishOutput(DuplexChannel channel) {
		channel.shutdownOutput()
			.addListener((shut) -> channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS,
					TimeUnit.SECONDS));
	}

	/** The client closed its side: answer what was taken, then close. */
	void inputClosed() {
		if (this.closeStarted) {
			this.ctx.close();
		}
		else {
			stopTaking();
			inOrder(this::close);
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

	ConnectionStats stats() {
		return this.stats;
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
		SslHandler tls = this.ctx.pipeline().get(SslHandler.class);
		return (tls != null) ? tls.engine().getSession() : null;
	}

	/** The connection is registered with the gateway: publish the open event. */
	void opened() {
		publishConnectionOpenEvent();
	}

}
