package io.tcpgateway.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import io.tcpgateway.reply.CommandLine;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.ConnectionListener;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.reply.Request;
import io.tcpgateway.server.codec.ReplyTooLongException;
import io.tcpgateway.server.dispatch.OrderedWorker;
import io.tcpgateway.server.dispatch.ReadGate;
import io.tcpgateway.server.dispatch.RequestTurns;
import io.tcpgateway.server.dispatch.ServerThreads;
import io.tcpgateway.server.gateway.BareMessage;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.TrafficRecorder;
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
 * A Spring Integration {@code TcpConnection} over one Netty channel, and the keeper of its
 * delivery guarantee: every request taken is answered exactly once, in order (see
 * {@link ConnectionState}). Frames arrive from {@link ConnectionHandler} on the event loop; they
 * are answered there, or on the one worker the connection is pinned to ({@link OrderedWorker}).
 * The channel is closed only once every request taken is answered and flushed.
 */
class NettyTcpConnection extends TcpConnectionSupport implements RequestTurns {

	private static final Log log = LogFactory.getLog(NettyTcpConnection.class);

	private static final VarHandle STATE;

	private static final VarHandle CAUSE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STATE = lookup.findVarHandle(NettyTcpConnection.class, "state", ConnectionState.class);
			CAUSE = lookup.findVarHandle(NettyTcpConnection.class, "cause", CloseCause.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** How long a closing connection waits for the client's FIN after sending its own. */
	private static final long LINGER_SECONDS = 2;

	private static final String BUSY = "ERR server busy";

	private static final Reply BUSY_REPLY = Reply.of(BUSY);

	private static final Runnable NO_EARLY_END = () -> {
	};

	/** The Spring Integration message header naming the listener a request came on. */
	static final String LISTENER_HEADER = "tcpgateway_listener";

	private final ChannelHandlerContext ctx;

	private final ListenerSettings listener;

	private final InetSocketAddress remoteAddress;

	private final MessageHeaders headers;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private final ReadGate gate;

	private final @Nullable OrderedWorker worker;

	/** Told once the connection is closed with nothing in flight; one per listener. */
	private final Consumer<NettyTcpConnection> onFinished;

	/** Counts a reply once the socket has taken it, or as abandoned when it cannot. */
	private final ChannelFutureListener replyWritten = this::replyWritten;

	@SuppressWarnings("FieldMayBeFinal") // written through STATE
	private volatile ConnectionState state = ConnectionState.OPEN;

	@SuppressWarnings("unused") // written through CAUSE
	private volatile @Nullable CloseCause cause;

	/** Event loop only: FIN is on its way. */
	private boolean closeStarted;

	/** Event loop only: the channel is closed; the close is reported once nothing is in flight. */
	private boolean channelClosed;

	private boolean finished;

	private final ConnectionInfo info;

	private final List<ConnectionListener> listeners;

	private final Duration requestTimeout;

	NettyTcpConnection(ChannelHandlerContext ctx, InetSocketAddress remoteAddress, ListenerSettings listener,
			@Nullable ApplicationEventPublisher eventPublisher, ConnectionStats stats, TrafficRecorder recorder,
			ReadGate gate, ServerThreads threads, List<ConnectionListener> listeners,
			Consumer<NettyTcpConnection> onFinished) {
		super(eventPublisher);
		this.ctx = ctx;
		this.listener = listener;
		this.remoteAddress = remoteAddress;
		this.info = new ConnectionInfo(this);
		this.headers = BareMessage.sharedHeaders(headers(getConnectionId(), listener.name(), remoteAddress,
				(InetSocketAddress) ctx.channel().localAddress(), this.info));
		this.stats = stats;
		this.recorder = recorder;
		this.gate = gate;
		this.worker = threads.newWorker(this, ctx.channel().eventLoop(), gate);
		this.requestTimeout = threads.requestTimeout();
		this.listeners = listeners;
		this.onFinished = onFinished;
	}

	/**
	 * The headers every request of this connection carries in Spring Integration: Spring
	 * Integration's own ({@code ip_connectionId}, {@code ip_address}, ...) and the connection.
	 */
	private static Map<String, Object> headers(String id, String listener, InetSocketAddress client,
			InetSocketAddress local, ConnectionContext context) {
		// one string for both: each getHostAddress() call makes a new one
		String address = client.getAddress().getHostAddress();
		return Map.of(IpHeaders.CONNECTION_ID, id, IpHeaders.IP_ADDRESS, address, IpHeaders.HOSTNAME, address,
				IpHeaders.REMOTE_PORT, client.getPort(),
				IpHeaders.LOCAL_ADDRESS, local.getAddress(), LISTENER_HEADER, listener, Request.CONNECTION_HEADER,
				context);
	}

	// --- taking requests (event loop) ------------------------------------------------------------

	/** One complete frame: taken as a request while the connection is open, else discarded. */
	void frameReceived(ByteBuf frame) {
		if (this.state != ConnectionState.OPEN) {
			discard(frame);
			return;
		}
		if (this.listener.singleUse()) {
			advance(ConnectionState.DRAINING, CloseCause.SINGLE_USE);
		}
		if (this.worker == null) {
			try {
				answer(frame, NO_EARLY_END);
			}
			finally {
				frame.release();
			}
			closeIfAnswered();
		}
		else {
			this.worker.take(frame);
		}
	}

	/**
	 * A frame the codec refused: answered with {@code reply} after the requests already taken,
	 * then the connection closes. Returns whether this was the connection's first close cause.
	 */
	boolean refuseFrame(CloseCause why, String reply) {
		boolean first = advance(ConnectionState.DRAINING, why);
		this.gate.stop();
		if (this.state.answers()) {
			if (this.worker == null) {
				answerWithError(reply);
			}
			else {
				this.worker.take(reply);
			}
		}
		closeIfAnswered();
		return first;
	}

	/**
	 * Takes no more requests; those taken are answered, then the connection closes. Returns
	 * whether {@code why} was the connection's first close cause (count and log it only then).
	 */
	boolean stopTaking(CloseCause why) {
		boolean first = advance(ConnectionState.DRAINING, why);
		this.gate.stop();
		closeIfAnswered();
		return first;
	}

	/**
	 * The client closed its side: after our own FIN the connection is done; before it, the
	 * requests taken are answered first. Returns whether this was the first close cause.
	 */
	boolean inputClosed() {
		if (this.closeStarted) {
			this.ctx.close();
			return false;
		}
		return stopTaking(CloseCause.CLIENT_CLOSE);
	}

	/** Closes at once, whatever is in flight: the connection is broken or must go now. */
	boolean abort(CloseCause why) {
		boolean first = advance(ConnectionState.CLOSING, why);
		this.gate.stop();
		this.ctx.close();
		return first;
	}

	@Override
	public void turnFinished() {
		closeIfAnswered();
	}

	/**
	 * Called on the event loop after each answered request and whenever the state moves: closes
	 * once nothing taken is left to answer. A cut made on the worker takes effect here, after the
	 * worker's turn has handed its last reply to the event loop.
	 */
	void closeIfAnswered() {
		boolean idle = this.worker == null || this.worker.idle();
		if (this.state == ConnectionState.DRAINING && idle) {
			advance(ConnectionState.CLOSING, null);
		}
		if (this.state == ConnectionState.CLOSING) {
			if (this.worker != null) {
				this.worker.discardWaiting();
				idle = this.worker.idle();
			}
			if (idle) {
				startClose();
			}
		}
		finishIfDone();
	}

	// --- answering (the processing thread: the event loop, or the pinned worker) --------------------

	/**
	 * Hands one request to the gateway; its reply is written before this returns, unless the
	 * request timeout comes first: then {@code ERR timeout} takes its place, {@code endTurn} lets
	 * the next request go, and the late reply is discarded.
	 */
	@Override
	public void answer(ByteBuf frame, Runnable endTurn) {
		if (!this.state.answers()) {
			this.recorder.messageDiscarded();
			return;
		}
		requestTaken();
		byte[] payload = ByteBufUtil.getBytes(frame);
		Turn turn = new Turn(payload);
		if (!this.requestTimeout.isZero()) {
			turn.deadline(this.ctx.executor()
				.schedule(() -> timedOut(turn, endTurn), this.requestTimeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		TcpListener gateway = getListener();
		AsciiString request = new AsciiString(payload, false);
		turn.trace = this.recorder.requestStarted(request, getConnectionId(), this.remoteAddress);
		turn.begin();
		try {
			if (gateway != null) {
				gateway.onMessage(new BareMessage<>(payload, this.headers));
			}
		}
		finally {
			turn.end();
			turn.trace.leave();
		}
		if (turn.replied) {
			if (turn.answeredBy()) {
				turn.trace.end(turn.failed);
			}
		}
		else if (turn.answered()) {
			// the flow produced no reply: the client still gets one
			log.error("Connection " + getConnectionId() + ": no reply was produced; answered ERR internal error");
			this.recorder.error(ErrorType.SERVICE);
			write(Reply.internalError());
			turn.trace.end(true);
		}
	}

	/** On the event loop: the request took longer than the request timeout. */
	private void timedOut(Turn turn, Runnable endTurn) {
		if (turn.timedOut()) {
			this.recorder.error(ErrorType.REQUEST_TIMEOUT);
			log.warn("Connection " + getConnectionId() + ": no reply within " + this.requestTimeout.toMillis()
					+ " ms (tcp.server.request-timeout); answered ERR timeout, the late reply will be discarded");
			write(Reply.of("ERR timeout"));
			this.ctx.flush();
			turn.trace.end(true);
			this.recorder.requestCompleted(new AsciiString(turn.request, false), true, System.nanoTime() - turn.startNanos);
			endTurn.run();
		}
	}

	/** Answers a request the worker queue had no room for (counted when that was decided). */
	@Override
	public void answerBusy() {
		if (!this.state.answers()) {
			this.recorder.messageDiscarded();
			return;
		}
		requestTaken();
		write(BUSY_REPLY);
	}

	/** Answers a refused frame with the server's own error reply, then closes. */
	@Override
	public void answerWithError(String reply) {
		if (!this.state.answers()) {
			return;
		}
		requestTaken();
		write(Reply.of(reply));
		cut(null);
	}

	/** A request found the worker queue full; it is answered busy in its turn. */
	@Override
	public void busyDecided() {
		this.recorder.error(ErrorType.BUSY);
		log.debug("Connection " + getConnectionId() + ": worker queue full; answering " + BUSY);
	}

	/** The gateway's reply to the current request. */
	@Override
	public void send(Message<?> message) {
		Object payload = message.getPayload();
		Reply reply = (payload instanceof Reply r) ? r
				: (payload instanceof byte[] bytes) ? Reply.of(bytes) : Reply.of(String.valueOf(payload));
		Turn turn = Turn.current();
		if (turn != null) {
			if (turn.replied) {
				log.warn("Connection " + getConnectionId() + ": a second reply to one request was dropped");
				return;
			}
			turn.replied = true;
			if (!turn.answered()) {
				log.debug("Connection " + getConnectionId() + ": a reply after the request timeout was discarded");
				return;
			}
		}
		write(reply);
		if (turn != null) {
			turn.failed = reply.isInternalError();
			if (reply.isInternalError()) {
				this.recorder.error(ErrorType.SERVICE);
			}
			this.recorder.requestCompleted(new AsciiString(turn.request, false), reply.isInternalError(),
					System.nanoTime() - turn.startNanos);
		}
		if (reply.closeConnection()) {
			cut((turn != null && isQuit(turn.request)) ? CloseCause.QUIT : CloseCause.REPLY_CLOSE);
		}
	}

	private static boolean isQuit(byte[] request) {
		AsciiString line = new AsciiString(request, false);
		int start = CommandLine.wordStart(line);
		return CommandLine.wordEnd(line, start) - start == 4 && line.regionMatches(true, start, "QUIT", 0, 4);
	}

	/** The reply just written is the last: requests still queued are discarded, then FIN. */
	private void cut(@Nullable CloseCause why) {
		advance(ConnectionState.CLOSING, why);
		onEventLoop(this::closeIfAnswered);
	}

	private void write(Reply reply) {
		ByteBuf out;
		try {
			String text = reply.text();
			out = (text != null) ? this.listener.codec().encode(this.ctx.alloc(), text, this.listener.charset())
					: this.listener.codec().encode(this.ctx.alloc(), reply.bytes(this.listener.charset()));
		}
		catch (ReplyTooLongException ex) {
			this.recorder.error(ErrorType.ENCODE);
			log.warn("Connection " + getConnectionId() + ": " + ex.getMessage() + "; sent ERR reply too long");
			out = this.listener.codec().encode(this.ctx.alloc(), "ERR reply too long");
		}
		ChannelPromise promise = this.ctx.newPromise().addListener(this.replyWritten);
		if (this.ctx.executor().inEventLoop()) {
			// flushed once per read batch by ConnectionHandler.channelReadComplete, or by the close
			this.ctx.write(out, promise);
		}
		else {
			this.ctx.writeAndFlush(out, promise);
		}
	}

	private void requestTaken() {
		this.stats.messageIn();
		this.recorder.messageReceived();
	}

	private void replyWritten(ChannelFuture written) {
		if (written.isSuccess()) {
			this.stats.messageOut();
			this.recorder.messageSent();
		}
		else {
			this.recorder.messageAbandoned();
		}
	}

	/** A frame that arrived or waited past the point where requests were taken: no reply. */
	@Override
	public void discard(ByteBuf frame) {
		frame.release();
		this.recorder.messageDiscarded();
	}

	// --- closing (event loop) -----------------------------------------------------------------------

	/**
	 * Moves forward to {@code to}; the first cause given is kept and its error counted. Returns
	 * whether {@code why} became the cause.
	 */
	private boolean advance(ConnectionState to, @Nullable CloseCause why) {
		ConnectionState current;
		do {
			current = this.state;
			if (current.compareTo(to) >= 0) {
				break;
			}
		}
		while (!STATE.compareAndSet(this, current, to));
		if (why != null && CAUSE.compareAndSet(this, null, why)) {
			ErrorType error = why.error();
			if (error != null) {
				this.recorder.error(error);
			}
			return true;
		}
		return false;
	}

	/**
	 * Closes once the replies written so far are flushed: sends FIN, then waits briefly for the
	 * client's, so that unread input does not turn the close into a reset that could destroy
	 * replies the client has not read yet.
	 */
	private void startClose() {
		if (this.closeStarted) {
			return;
		}
		this.closeStarted = true;
		this.gate.stop();
		Channel channel = this.ctx.channel();
		this.ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((flushed) -> shutdownOutput(channel));
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

	/**
	 * The channel closed: requests still waiting are discarded; the close is reported once the
	 * worker has finished what it was running, so that its reply finds the connection.
	 */
	void channelClosed() {
		advance(ConnectionState.CLOSED, null);
		this.channelClosed = true;
		if (this.worker != null) {
			this.worker.discardWaiting();
		}
		finishIfDone();
	}

	private void finishIfDone() {
		if (this.channelClosed && !this.finished && (this.worker == null || this.worker.idle())) {
			this.finished = true;
			if (this.listener.accessLog()) {
				AccessLog.closed(this.info, snapshot(), closeCause(), this.stats.openNanos() / 1_000_000);
			}
			tellClosed();
			this.onFinished.accept(this);
		}
	}

	/** Graceful close from Spring Integration or an operator: answer what was taken, then close. */
	@Override
	public void close() {
		onEventLoop(() -> stopTaking(CloseCause.ADMIN));
	}

	/** The graceful drain at shutdown: answer what was taken, then close. */
	void drain() {
		onEventLoop(() -> stopTaking(CloseCause.DRAIN));
	}

	/** The listener stops for good: close now, whatever is in flight. */
	void terminate() {
		onEventLoop(() -> abort(CloseCause.ADMIN));
	}

	private void onEventLoop(Runnable task) {
		if (this.ctx.executor().inEventLoop()) {
			task.run();
		}
		else {
			this.ctx.executor().execute(task);
		}
	}

	/**
	 * The channel is closed and nothing is in flight: tell the gateway (through the outermost
	 * interceptor when there are any, as Spring Integration's own connections do), publish the
	 * close event.
	 */
	void closed() {
		if (getListener() instanceof TcpConnectionInterceptor interceptor) {
			TcpConnectionInterceptor outermost = interceptor;
			while (outermost.getListener() instanceof TcpConnectionInterceptor next) {
				outermost = next;
			}
			outermost.removeDeadConnection(outermost);
		}
		super.close();
	}

	// --- Spring Integration's view ------------------------------------------------------------------

	ConnectionState state() {
		return this.state;
	}

	@Override
	public boolean isServer() {
		return true;
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
		return this.stats.snapshot(getConnectionId(), this.listener.name(), this.remoteAddress);
	}

	ConnectionStats stats() {
		return this.stats;
	}

	TrafficRecorder recorder() {
		return this.recorder;
	}

	Channel channel() {
		return this.ctx.channel();
	}

	Charset charset() {
		return this.listener.charset();
	}

	@Override
	public String getConnectionFactoryName() {
		return this.listener.name();
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

	/**
	 * The connection is registered with the gateway: publish the open event, tell the
	 * connection listeners, send the greeting.
	 */
	void opened() {
		publishConnectionOpenEvent();
		for (ConnectionListener connectionListener : this.listeners) {
			try {
				connectionListener.opened(this.info);
			}
			catch (RuntimeException ex) {
				log.error("Connection " + getConnectionId() + ": a connection listener failed on open", ex);
			}
		}
		String greeting = this.listener.greeting();
		if (greeting != null) {
			this.ctx.writeAndFlush(this.listener.codec().encode(this.ctx.alloc(), greeting, this.listener.charset()));
		}
	}

	/** Why the connection closed: its first cause; a close with none noticed is a reset. */
	CloseCause closeCause() {
		CloseCause first = this.cause;
		return (first != null) ? first : CloseCause.RESET;
	}

	/**
	 * On the event loop: whether the client is owed nothing, so that a reset now loses nothing:
	 * every request taken is answered and every reply written has left for the socket.
	 */
	boolean owesNothing() {
		ChannelOutboundBuffer unsent = this.ctx.channel().unsafe().outboundBuffer();
		return (this.worker == null || this.worker.idle()) && (unsent == null || unsent.totalPendingWriteBytes() == 0);
	}

	/** Tells the connection listeners, once nothing is in flight. */
	private void tellClosed() {
		String why = closeCause().propertyValue();
		for (ConnectionListener connectionListener : this.listeners) {
			try {
				connectionListener.closed(this.info, why);
			}
			catch (RuntimeException ex) {
				log.error("Connection " + getConnectionId() + ": a connection listener failed on close", ex);
			}
		}
	}

	ConnectionContext context() {
		return this.info;
	}

}
