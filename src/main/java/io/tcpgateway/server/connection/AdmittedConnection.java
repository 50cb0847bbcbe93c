package io.tcpgateway.server.connection;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLSession;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.ssl.SslHandler;
import io.tcpgateway.push.PushOutcome;
import io.tcpgateway.reply.ConnectionContext;
import io.tcpgateway.reply.Reply;
import io.tcpgateway.server.dispatch.WorkerLane;
import io.tcpgateway.server.input.ReadGate;
import io.tcpgateway.server.view.CloseCause;
import io.tcpgateway.server.view.ConnectionSnapshot;
import io.tcpgateway.server.view.ErrorType;
import io.tcpgateway.server.view.RequestTrace;
import io.tcpgateway.server.view.TrafficRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A connection whose client was admitted: its requests in order ({@link RequestQueue}), its
 * replies ({@link ReplyWriter}), its life ({@link Lifecycle}). Its {@link ConnectionHandler}
 * hands it what Netty reports; it never calls the handler back. Everything here runs on the
 * channel's event loop, but for what the {@link Connection} methods hop there.
 */
final class AdmittedConnection implements Connection, RequestQueue.Outcomes {

	private static final Log log = LogFactory.getLog(AdmittedConnection.class);

	private final String id = UUID.randomUUID().toString();

	private final ChannelHandlerContext ctx;

	private final ConnectionSettings settings;

	private final InetSocketAddress client;

	private final ConnectionStats stats;

	private final TrafficRecorder recorder;

	private final ReadGate gate;

	private final ConnectionEvents events;

	private final ConnectionInfo context;

	private final ReplyWriter writer;

	private final RequestQueue queue;

	private final Lifecycle lifecycle;

	private final PendingPushes pushes;

	/** Made by the first bind: what follows the reply of the turn that bound a session key. */
	private @Nullable FollowingFrames following;

	/** Between a frame and the end of its read pass, which flushes. */
	private boolean reading;

	/** Registers the connection with its listener and greets the client. */
	AdmittedConnection(ChannelHandlerContext ctx, ConnectionSettings settings, InetSocketAddress client,
			@Nullable WorkerLane lane, ConnectionStats stats, TrafficRecorder recorder, ReadGate gate,
			ConnectionEvents events) {
		this.ctx = ctx;
		this.settings = settings;
		this.client = client;
		this.stats = stats;
		this.recorder = recorder;
		this.gate = gate;
		this.events = events;
		this.context = new ConnectionInfo(this);
		this.writer = new ReplyWriter(ctx, settings, stats, recorder);
		recorder.connectionOpened();
		TurnAnswerer answerer = events.opened(this);
		this.queue = new RequestQueue(lane, ctx.executor(), settings.requestTimeout(), answerer, this);
		this.lifecycle = new Lifecycle(ctx, gate, this.queue, recorder, this::finished);
		this.pushes = new PendingPushes(settings.maxPendingPushes());
		String greeting = settings.greeting();
		if (greeting != null) {
			this.writer.writeUncounted(greeting);
			ctx.flush();
		}
	}

	Lifecycle lifecycle() {
		return this.lifecycle;
	}

	// --- taking requests (event loop) ------------------------------------------------------------------

	/**
	 * A whole frame, framing removed: taken as a request while requests are taken.
	 * @param bareLine whether it was a line that ended with a bare LF
	 */
	void frame(byte[] request, boolean bareLine) {
		if (!this.lifecycle.takes()) {
			this.recorder.messageDiscarded();
			return;
		}
		if (this.settings.singleUse()) {
			this.lifecycle.takeNoMore(CloseCause.SINGLE_USE);
		}
		this.reading = true;
		this.writer.requestTaken(bareLine);
		this.queue.take(Turn.request(request, bareLine));
		if (!this.queue.hasRoom()) {
			this.gate.pause(ReadGate.BUSY);
		}
		this.lifecycle.closeIfAnswered();
	}

	/** The end of a read pass: what it answered leaves in one flush. */
	void readPassEnded() {
		this.reading = false;
		this.ctx.flush();
	}

	/** A frame the codec refused: answered in its turn after those taken, then the connection closes. */
	boolean refuseFrame(CloseCause why, String reply) {
		boolean takes = this.lifecycle.takes();
		boolean first = this.lifecycle.takeNoMore(why);
		if (takes) {
			this.queue.take(Turn.known(Reply.of(reply).thenClose()));
		}
		this.lifecycle.closeIfAnswered();
		return first;
	}

	/** Whether a reset now loses nothing: every request taken answered, every reply handed to the socket. */
	boolean owesNothing() {
		ChannelOutboundBuffer unsent = this.ctx.channel().unsafe().outboundBuffer();
		return this.queue.idle() && (unsent == null || unsent.totalPendingWriteBytes() == 0);
	}

	// --- answering (event loop, as turns end) ----------------------------------------------------------

	@Override
	public RequestTrace trace(Turn turn) {
		return this.recorder.requestStarted(turn.requestText(), this.id, this.client);
	}

	@Override
	public void answered(Turn turn) {
		Reply reply = this.writer.answered(turn, this.id);
		if (reply.closeConnection()) {
			this.lifecycle.cut(reply.endsSession() ? CloseCause.QUIT : CloseCause.REPLY_CLOSE);
		}
		turnEnded();
	}

	@Override
	public void timedOut(Turn turn) {
		this.writer.timedOut(turn, this.id);
		turnEnded();
	}

	@Override
	public void late(Turn turn) {
		if (turn.stage == Turn.Stage.TIMED_OUT || turn.startNanos() != 0) {
			log.debug("Connection " + this.id + ": a reply after its turn ended was discarded");
			turn.trace().end(true);
		}
		turnEnded();
	}

	@Override
	public void busy() {
		this.recorder.error(ErrorType.BUSY);
		log.debug("Connection " + this.id + ": worker queue full; answering " + RequestQueue.BUSY.text());
	}

	private void turnEnded() {
		writeFollowing();
		if (!this.reading) {
			this.ctx.flush();
		}
		if (this.queue.hasRoom()) {
			this.gate.resume(ReadGate.BUSY);
		}
		this.lifecycle.closeIfAnswered();
	}

	// --- pushes (any thread, then the event loop) -------------------------------------------------------

	@Override
	public CompletableFuture<PushOutcome> push(Reply.Frame frame) {
		CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
		if (!this.pushes.take()) {
			pushed(null, PushOutcome.REFUSED);
			outcome.complete(PushOutcome.REFUSED);
		}
		else {
			try {
				onEventLoop(() -> pushNow(frame, outcome));
			}
			catch (RejectedExecutionException ex) {
				// the I/O threads have stopped: the connection is gone with them
				pushed(outcome, PushOutcome.NOT_CONNECTED);
			}
		}
		return outcome;
	}

	private void pushNow(Reply.Frame frame, CompletableFuture<PushOutcome> outcome) {
		if (this.following != null && this.following.holdsPushes()) {
			this.following.hold(frame, outcome);
		}
		else {
			write(frame, outcome);
			if (!this.reading) {
				this.ctx.flush();
			}
		}
	}

	/** Writes a frame outside any reply: a push, or (with no outcome) a frame from the offline queue. */
	private void write(Reply.Frame frame, @Nullable CompletableFuture<PushOutcome> outcome) {
		if (!this.lifecycle.acceptsPushes()) {
			pushed(outcome, PushOutcome.NOT_CONNECTED);
		}
		else if (!this.writer.push(frame,
				(written) -> pushed(outcome, written.isSuccess() ? PushOutcome.WRITTEN : PushOutcome.NOT_CONNECTED))) {
			pushed(outcome, PushOutcome.REFUSED);
		}
	}

	/** A push ended (a frame from the offline queue has no outcome, and took no place among the pending). */
	private void pushed(@Nullable CompletableFuture<PushOutcome> outcome, PushOutcome how) {
		this.recorder.pushed(how.value());
		if (outcome != null) {
			this.pushes.done();
			outcome.complete(how);
		}
	}

	/**
	 * On the answering thread: binds the connection to a session key (see
	 * {@code ConnectionContext.bind}). Pushes arriving meanwhile wait behind the frames the bind
	 * brings ({@link #follow}).
	 */
	boolean bind(String key, @Nullable String previous) {
		onEventLoop(() -> following().bindStarted());
		try {
			return this.events.bind(this, key, previous);
		}
		finally {
			onEventLoop(() -> {
				following().bindEnded();
				writeFollowingIfNoTurn();
			});
		}
	}

	@Override
	public void follow(List<Reply.Frame> frames) {
		if (!frames.isEmpty()) {
			onEventLoop(() -> {
				following().add(frames);
				writeFollowingIfNoTurn();
			});
		}
	}

	private FollowingFrames following() {
		if (this.following == null) {
			this.following = new FollowingFrames();
		}
		return this.following;
	}

	/** Right after a turn's answer: the frames that follow it, once every bind has brought its own. */
	private void writeFollowing() {
		if (this.following != null) {
			for (FollowingFrames.Held held = this.following.next(); held != null; held = this.following.next()) {
				write(held.frame(), held.outcome());
			}
			if (this.following.isEmpty()) {
				// an idle connection keeps nothing of its binds
				this.following = null;
			}
		}
	}

	/** Outside any turn (a bind from elsewhere, a key registered again): they go now. */
	private void writeFollowingIfNoTurn() {
		if (this.queue.idle()) {
			writeFollowing();
			if (!this.reading) {
				this.ctx.flush();
			}
		}
	}

	/** Closed with nothing in progress: the access-log line, the count, the listener told. */
	private void finished(CloseCause why) {
		// frames still held behind a bind can no longer be written: their pushes end not-connected
		writeFollowing();
		if (this.settings.accessLog()) {
			AccessLog.closed(this.context, snapshot(), why, this.stats.openNanos() / 1_000_000);
		}
		this.recorder.connectionClosed(this.stats.openNanos(), why);
		this.events.closed(this);
	}

	// --- what others see (any thread) ------------------------------------------------------------------

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public ConnectionContext context() {
		return this.context;
	}

	@Override
	public ConnectionSnapshot snapshot() {
		return this.stats.snapshot(this.id, this.settings.listener(), this.client,
				this.context.sessionKey().orElse(null));
	}

	@Override
	public CloseCause closeCause() {
		return this.lifecycle.cause();
	}

	@Override
	public @Nullable SSLSession sslSession() {
		SslHandler tls = this.ctx.pipeline().get(SslHandler.class);
		return (tls != null) ? tls.engine().getSession() : null;
	}

	@Override
	public boolean isOpen() {
		return this.ctx.channel().isActive();
	}

	@Override
	public void close() {
		onEventLoop(() -> this.lifecycle.endInput(CloseCause.ADMIN));
	}

	@Override
	public void drain() {
		onEventLoop(() -> this.lifecycle.endInput(CloseCause.DRAIN));
	}

	@Override
	public void terminate() {
		onEventLoop(() -> this.lifecycle.abort(CloseCause.ADMIN));
	}

	@Override
	public void replaced() {
		onEventLoop(() -> this.lifecycle.abort(CloseCause.REPLACED));
	}

	private void onEventLoop(Runnable task) {
		if (this.ctx.executor().inEventLoop()) {
			task.run();
		}
		else {
			this.ctx.executor().execute(task);
		}
	}

	// --- for the connection's context ------------------------------------------------------------------

	InetSocketAddress remoteAddress() {
		return this.client;
	}

	ChannelHandlerContext ctx() {
		return this.ctx;
	}

	ConnectionSettings settings() {
		return this.settings;
	}

	ConnectionStats stats() {
		return this.stats;
	}

}
